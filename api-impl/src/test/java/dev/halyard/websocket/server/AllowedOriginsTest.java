// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    @Test
    void withoutTheSettingEveryOriginIsAdmitted() {
        assertThat(AllowedOrigins.parse(null).admitsAny()).isTrue();
        assertThat(AllowedOrigins.parse("  ").admits("https://anywhere.example")).isTrue();
        assertThat(AllowedOrigins.parse("https://a.example, *").admitsAny()).isTrue();
    }

    @Test
    void anExactOriginNeedsTheSameSchemeHostAndPort() {
        AllowedOrigins origins = AllowedOrigins.parse("https://app.example.com http://localhost:8080");
        assertThat(origins.admits("https://app.example.com")).isTrue();
        assertThat(origins.admits("HTTPS://App.Example.COM:443")).isTrue();
        assertThat(origins.admits("http://localhost:8080")).isTrue();
        assertThat(origins.admits("http://localhost")).isFalse();
        assertThat(origins.admits("http://app.example.com")).isFalse();
        assertThat(origins.admits("https://app.example.com:444")).isFalse();
        assertThat(origins.admits("https://app.example.com.evil.test")).isFalse();
        assertThat(origins.admits("https://evilapp.example.com")).isFalse();
    }

    @Test
    void aWildcardAdmitsHostsUnderTheDomainOnly() {
        AllowedOrigins scheme = AllowedOrigins.parse("https://*.example.com");
        assertThat(scheme.admits("https://a.example.com")).isTrue();
        assertThat(scheme.admits("https://a.b.example.com")).isTrue();
        assertThat(scheme.admits("https://example.com")).isFalse();
        assertThat(scheme.admits("http://a.example.com")).isFalse();
        assertThat(scheme.admits("https://a.example.com:8443")).isFalse();
        assertThat(scheme.admits("https://aexample.com")).isFalse();

        AllowedOrigins host = AllowedOrigins.parse("*.example.com,example.org");
        assertThat(host.admits("http://a.example.com:8080")).isTrue();
        assertThat(host.admits("https://a.example.com")).isTrue();
        assertThat(host.admits("https://example.org:9000")).isTrue();
        assertThat(host.admits("https://a.example.org")).isFalse();
        assertThat(host.admits("ftp://a.example.com")).isFalse();
    }

    @Test
    void theNullOriginAndMalformedOnesAreRefusedUnlessNullIsListed() {
        AllowedOrigins origins = AllowedOrigins.parse("https://app.example.com");
        assertThat(origins.admits("null")).isFalse();
        assertThat(origins.admits("app.example.com")).isFalse();
        assertThat(origins.admits("https://app.example.com/path")).isFalse();
        assertThat(origins.admits("https://user@app.example.com")).isFalse();
        assertThat(origins.admits("https://app.example.com:99999")).isFalse();
        assertThat(origins.admits(null)).as("no Origin header: not a browser").isTrue();
        assertThat(AllowedOrigins.parse("null https://app.example.com").admits("null")).isTrue();
        assertThat(AllowedOrigins.parse("http://[::1]:8080").admits("http://[::1]:8080")).isTrue();
    }

    @Test
    void aBadEntryIsRefusedNamingIt() {
        assertThatThrownBy(() -> AllowedOrigins.parse("https://app.example.com/path"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"https://app.example.com/path\"");
        assertThatThrownBy(() -> AllowedOrigins.parse("ftp://files.example.com"))
                .hasMessageContaining("the scheme must be http or https");
        assertThatThrownBy(() -> AllowedOrigins.parse("app.*.example.com")).hasMessageContaining("app.*.example.com");
        assertThatThrownBy(() -> AllowedOrigins.parse("example.com:8080")).hasMessageContaining("a port needs a scheme");
        assertThatThrownBy(() -> AllowedOrigins.parse("https://app.example.com:http")).hasMessageContaining("is not a port");
    }
}
