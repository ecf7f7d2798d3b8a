// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/admin/..", "/admin/%2e%2e", "/admin/.%2E", "/admin/..;x", "/admin/.", "/admin/%2E/ws",
        "/public/../admin/ws", "/x/..;/admin/ws", "/admin/../x/y", "/ctx/%2e%2E;jsessionid=1/a"})
    void dotSegmentsAreRefusedPlainOrEncoded(String path) {
        assertThat(RequestPath.refusal(path)).contains("dot segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/a%2fb", "/admin/a%2F..", "/admin/a%5Cb"})
    void encodedSlashesAreRefused(String path) {
        assertThat(RequestPath.refusal(path)).contains("encoded slash");
    }

    @Test
    void controlCharactersMalformedEncodingsAndRelativePathsAreRefused() {
        assertThat(RequestPath.refusal("/admin/a%0d%0aSet-Cookie:x")).contains("control character").contains("a%0d%0a");
        assertThat(RequestPath.refusal("/admin/a%00")).contains("control character");
        assertThat(RequestPath.refusal("/admin/a%c2%85")).as("NEL, a C1 control").contains("control character");
        assertThat(RequestPath.refusal("/admin/%zz")).contains("malformed");
        assertThat(RequestPath.refusal("admin")).contains("does not start with '/'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/admin/ws", "/admin/ws;jsessionid=ABC", "//admin/ws", "/admin//ws", "/admin;x=y/ws",
        "/a/..b/c", "/a/b../c", "/a/.well-known", "/caf%C3%A9", "/a/x%2541"})
    void ordinaryPathsPass(String path) {
        assertThat(RequestPath.refusal(path)).isNull();
    }

    @Test
    void aHostilePathIsPrintedEscapedAndCut() {
        String refusal = RequestPath.refusal("/a/..\r\nInjected: yes" + "x".repeat(500));
        assertThat(refusal).doesNotContain("\r").doesNotContain("\n").contains("characters)");
    }

    @Test
    void decodedSegmentsMatchWithoutDecodingAgain() throws DeploymentException {
        EndpointRegistry<String> registry = new EndpointRegistry<>();
        registry.add(UriTemplate.parse("/room/{id}"), "room", "room");
        registry.add(UriTemplate.parse("/"), "root", "root");
        assertThat(registry.matchDecoded(RequestPath.decodedSegments("/room/x%41")).pathParameters())
                .containsEntry("id", "x%41");
        assertThat(registry.matchDecoded(RequestPath.decodedSegments("")).endpoint()).isEqualTo("root");
        assertThat(registry.matchDecoded(RequestPath.decodedSegments("/")).endpoint()).isEqualTo("root");
    }

    @Test
    void aTemplateVariableNeverTakesADotSegmentASlashOrAControlCharacter() throws DeploymentException {
        UriTemplate template = UriTemplate.parse("/room/{id}");
        assertThat(template.match(new String[] {"room", "lobby"})).containsEntry("id", "lobby");
        assertThat(template.match(new String[] {"room", ".."})).isNull();
        assertThat(template.match(new String[] {"room", "."})).isNull();
        assertThat(template.match(new String[] {"room", "a/b"})).isNull();
        assertThat(template.match(new String[] {"room", "a\r\nb"})).isNull();
        assertThat(template.match(new String[] {"room", ""})).isNull();
        assertThat(template.match("/room/%2e%2e")).isNull();
        assertThat(template.match("/room/..a")).containsEntry("id", "..a");
    }
}
