// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.Extension;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeRulesTest {

    @Test
    void acceptKeyOfTheRfcExample() {
        assertThat(HandshakeKeys.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void keysMustBeSixteenBytesOfBase64() {
        assertThat(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ==")).isTrue();
        assertThat(HandshakeKeys.isValidKey(HandshakeKeys.newKey())).isTrue();
        assertThat(HandshakeKeys.newKey()).isNotEqualTo(HandshakeKeys.newKey());
        assertThat(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25jZQ")).as("unpadded").isFalse();
        assertThat(HandshakeKeys.isValidKey("dGhlIHNhbXBsZSBub25j")).as("15 bytes").isFalse();
        assertThat(HandshakeKeys.isValidKey("!!!!!!!!!!!!!!!!!!!!!!==")).as("not base64").isFalse();
        assertThat(HandshakeKeys.isValidKey(null)).isFalse();
    }

    @Test
    void tokenListsIgnoreCaseAndSpaces() {
        assertThat(HeaderTokens.contains(List.of("keep-alive, Upgrade"), "upgrade")).isTrue();
        assertThat(HeaderTokens.contains(List.of("keep-alive", " UPGRADE "), "upgrade")).isTrue();
        assertThat(HeaderTokens.contains(List.of("upgrades"), "upgrade")).isFalse();
        assertThat(HeaderTokens.tokens(List.of("a, ,b", "c"))).containsExactly("a", "b", "c");
    }

    @Test
    void extensionHeaderRoundTrip() {
        List<Extension> parsed = ExtensionHeader.parse(List.of(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, x-quoted; note=\"a, b; c\"",
                "x-plain"));
        assertThat(parsed).extracting(Extension::getName).containsExactly("permessage-deflate", "x-quoted", "x-plain");
        assertThat(parsed.get(0).getParameters()).extracting(Extension.Parameter::getName, Extension.Parameter::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("client_max_window_bits", null),
                        org.assertj.core.groups.Tuple.tuple("server_max_window_bits", "10"));
        assertThat(parsed.get(1).getParameters().get(0).getValue()).isEqualTo("a, b; c");
        assertThat(ExtensionHeader.format(parsed)).isEqualTo(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, x-quoted; note=\"a, b; c\", x-plain");
        assertThat(ExtensionHeader.format(List.of())).isNull();
    }

    @Test
    void malformedExtensionHeadersAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> ExtensionHeader.parse(List.of("bad name; x=1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"bad name\" is not an extension name");
        assertThatThrownBy(() -> ExtensionHeader.parse(List.of("ok; =1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"\" is not a parameter name");
    }
}
