// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.DeploymentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URI templates and matching precedence, pinned to the examples of Jakarta WebSocket 2.2 §3.1.1. */
class EndpointRegistryTest {

    private static EndpointRegistry<String> registry(String... paths) throws DeploymentException {
        EndpointRegistry<String> registry = new EndpointRegistry<>();
        for (String path : paths) {
            registry.add(UriTemplate.parse(path), path, "endpoint " + path);
        }
        return registry;
    }

    private static String matched(EndpointRegistry<String> registry, String request) {
        EndpointRegistry.Match<String> match = registry.match(request);
        return match == null ? null : match.endpoint() + " " + new java.util.TreeMap<>(match.pathParameters());
    }

    @Test
    void specExampleExactPathWithTrailingSlash() throws DeploymentException {
        EndpointRegistry<String> registry = registry("/a/b/");
        assertThat(matched(registry, "/a/b/")).isEqualTo("/a/b/ {}");
        assertThat(matched(registry, "/a/b")).isNull();
    }

    @Test
    void specExampleOneVariable() throws DeploymentException {
        EndpointRegistry<String> registry = registry("/a/{var}");
        assertThat(matched(registry, "/a/b")).isEqualTo("/a/{var} {var=b}");
        assertThat(matched(registry, "/a/apple")).isEqualTo("/a/{var} {var=apple}");
        assertThat(matched(registry, "/a")).isNull();
        assertThat(matched(registry, "/a/")).as("an empty segment is no expansion").isNull();
        assertThat(matched(registry, "/a/b/")).isNull();
        assertThat(matched(registry, "/a/b/c")).isNull();
    }

    @Test
    void specExampleExactSegmentsArePreferred() throws DeploymentException {
        EndpointRegistry<String> registry = registry("/a/{var}/c", "/a/b/c", "/a/{var1}/{var2}");
        assertThat(matched(registry, "/a/b/c")).isEqualTo("/a/b/c {}");
        assertThat(matched(registry, "/a/d/c")).isEqualTo("/a/{var}/c {var=d}");
        assertThat(matched(registry, "/a/x/y")).isEqualTo("/a/{var1}/{var2} {var1=x, var2=y}");
    }

    @Test
    void specExampleLeftToRight() throws DeploymentException {
        EndpointRegistry<String> registry = registry("/{var1}/d", "/b/{var2}");
        assertThat(matched(registry, "/b/d")).isEqualTo("/b/{var2} {var2=d}");
        assertThat(matched(registry, "/c/d")).isEqualTo("/{var1}/d {var1=c}");
    }

    @Test
    void aLiteralPrefixThatFailsLaterFallsBackToATemplate() throws DeploymentException {
        EndpointRegistry<String> registry = registry("/a/b/c", "/a/{v}/d");
        assertThat(matched(registry, "/a/b/d")).isEqualTo("/a/{v}/d {v=b}");
    }

    @Test
    void rootPath() throws DeploymentException {
        EndpointRegistry<String> registry = registry("/", "/{x}");
        assertThat(matched(registry, "/")).isEqualTo("/ {}");
        assertThat(matched(registry, "/y")).isEqualTo("/{x} {x=y}");
        assertThat(matched(registry, "")).isNull();
        assertThat(matched(registry, "relative")).isNull();
    }

    @Test
    void segmentsArePercentDecoded() throws DeploymentException {
        EndpointRegistry<String> registry = registry("/café/{name}", "/a%2Fb");
        assertThat(matched(registry, "/caf%C3%A9/J%C3%BCrgen%20S")).isEqualTo("/café/{name} {name=Jürgen S}");
        assertThat(matched(registry, "/a%2Fb")).isEqualTo("/a%2Fb {}");
        assertThat(matched(registry, "/a/b")).as("a decoded slash is not a separator").isNull();
        assertThat(matched(registry, "/caf%C3/x")).as("malformed UTF-8").isNull();
        assertThat(matched(registry, "/caf%G1/x")).as("malformed percent-encoding").isNull();
    }

    @Test
    void charactersOutsideTheBasicPlaneAreDecodedWhole() throws DeploymentException {
        EndpointRegistry<String> registry = registry("/%41\ud83d\ude00/{v}");
        assertThat(matched(registry, "/A\ud83d\ude00/x%41\ud83d\ude00")).isEqualTo("/%41\ud83d\ude00/{v} {v=xA\ud83d\ude00}");
        assertThat(matched(registry, "/%41%F0%9F%98%80/%F0%9F%98%80")).isEqualTo("/%41\ud83d\ude00/{v} {v=\ud83d\ude00}");
        assertThat(matched(registry, "/A\ud83d/x")).as("half a surrogate pair").isNull();
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreEscapedInMessages() {
        assertThatThrownBy(() -> UriTemplate.parse("/a\ud83d"))
                .hasMessageStartingWith("Endpoint path \"/a\\ud83d\" is invalid: segment 1 \"a\\ud83d\" contains '\\ud83d'");
        assertThatThrownBy(() -> UriTemplate.parse("/a\u0085b"))
                .hasMessageStartingWith("Endpoint path \"/a\\u0085b\" is invalid: segment 1 \"a\\u0085b\" contains '\\u0085'");
        assertThatThrownBy(() -> UriTemplate.parse(null))
                .isInstanceOf(DeploymentException.class)
                .hasMessage("Endpoint path is null: an endpoint path starts with '/' (Jakarta WebSocket 2.2 §3.1.1)");
    }

    @Test
    void equivalentPathsAreRefusedNamingBothEndpoints() throws DeploymentException {
        EndpointRegistry<String> registry = registry("/a/{x}", "/a/b");
        assertThatThrownBy(() -> registry.add(UriTemplate.parse("/a/{y}"), "B", "com.example.B"))
                .isInstanceOf(DeploymentException.class)
                .hasMessage("Endpoint com.example.B at \"/a/{y}\" has the same path as endpoint /a/{x} at \"/a/{x}\": two "
                        + "endpoints may not share a path or an equivalent template (Jakarta WebSocket 2.2 §3.1.1)");
        assertThatThrownBy(() -> registry.add(UriTemplate.parse("/a/b"), "C", "com.example.C"))
                .hasMessageContaining("com.example.C at \"/a/b\" has the same path as endpoint /a/b");
        assertThat(matched(registry, "/a/b")).isEqualTo("/a/b {}");
        assertThat(matched(registry, "/a/c")).isEqualTo("/a/{x} {x=c}");
        assertThat(registry.endpoints()).containsExactly("/a/{x}", "/a/b");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''| it is empty",
        "a/b| it must start with '/'",
        "/a//b| it contains \"//\" at character 3",
        "/a/./b| it contains \"/./\"",
        "/a/../b| it contains \"/../\"",
        "/a/..| it ends with a dot segment",
        "/a/.| it ends with a dot segment",
        "/a/x{y}| a template variable must be a whole segment, but segment 2 is \"x{y}\"",
        "/a/{x}y| a template variable must be a whole segment, but segment 2 is \"{x}y\"",
        "/a/{x}{y}| a template variable must be a whole segment, but segment 2 is \"{x}{y}\"",
        "/a/{}| a template variable must be a whole segment, but segment 2 is \"{}\"",
        "/a/{x| a template variable must be a whole segment, but segment 2 is \"{x\"",
        "/a/x}| a template variable must be a whole segment, but segment 2 is \"x}\"",
        "/a/{{x}}| a template variable must be a whole segment",
        "/a/{x-y}| \"x-y\" in segment 2 is not a variable name",
        "/a/{.x}| \".x\" in segment 2 is not a variable name",
        "/a/{x..y}| \"x..y\" in segment 2 is not a variable name",
        "/{x}/b/{x}| variable {x} is used more than once, in segments 1 and 3",
        "/a/%2E%2E| segment 2 \"%2E%2E\" is a dot segment once decoded (RFC 3986 §6.2.2.2)",
        "/%2e/b| segment 1 \"%2e\" is a dot segment once decoded",
        "/a\u00a0b| segment 1 \"a\u00a0b\" contains '\u00a0', which a URI path may not",
        "/a b| segment 1 \"a b\" contains ' ', which a URI path may not",
        "/a?b| segment 1 \"a?b\" contains '?'",
        "/a#b| segment 1 \"a#b\" contains '#'",
        "/a\u2003b| segment 1 \"a\u2003b\" contains",
        "/a%zz| segment 1 \"a%zz\" has a malformed percent-encoding",
    })
    void invalidPaths(String path, String reason) {
        assertThatThrownBy(() -> UriTemplate.parse(path))
                .isInstanceOf(DeploymentException.class)
                .hasMessageStartingWith("Endpoint path \"" + path + "\" is invalid: " + reason)
                .hasMessageEndingWith("(Jakarta WebSocket 2.2 §3.1.1)");
    }

    @Test
    void validTemplates() throws DeploymentException {
        UriTemplate template = UriTemplate.parse("/chat/{room_1}/{user.name}/{a%20b}/end");
        assertThat(template.variables()).containsExactly("room_1", "user.name", "a%20b");
        assertThat(template.segmentCount()).isEqualTo(5);
        assertThat(template.isTemplate()).isTrue();
        assertThat(template.match("/chat/r/u/x/end")).isEqualTo(Map.of("room_1", "r", "user.name", "u", "a%20b", "x"));
        assertThat(UriTemplate.parse("/a/{x}").isEquivalentTo(UriTemplate.parse("/a/{y}"))).isTrue();
        assertThat(UriTemplate.parse("/a/{x}").isEquivalentTo(UriTemplate.parse("/a/b"))).isFalse();
        assertThat(UriTemplate.parse("/a/{x}").isEquivalentTo(UriTemplate.parse("/a/{x}/"))).isFalse();
    }

    @Test
    void lookupsWhileEndpointsAreAdded() throws Exception {
        EndpointRegistry<String> registry = registry("/fixed/{x}");
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            readers.add(new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        assertThat(registry.match("/fixed/" + i).pathParameters()).containsEntry("x", String.valueOf(i));
                    } catch (Throwable e) {
                        failures.add(e);
                        return;
                    }
                }
            }));
        }
        readers.forEach(Thread::start);
        for (int i = 0; i < 500; i++) {
            registry.add(UriTemplate.parse("/added/" + i + "/{v}"), "added " + i, "added " + i);
        }
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(matched(registry, "/added/499/z")).isEqualTo("added 499 {v=z}");
    }
}
