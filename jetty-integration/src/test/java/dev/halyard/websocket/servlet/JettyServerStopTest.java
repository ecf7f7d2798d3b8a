// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Jetty closes its connections before it stops the web applications; with a stop timeout it first
 * asks its Graceful components, and halyard-jetty-integration's sends 1001 then.
 */
class JettyServerStopTest {

    @Test
    void aGracefulServerStopClosesSessionsWith1001() throws Exception {
        assertThat(ServletIntegrationTest.closeSeenAfter(EmbeddedServer.Kind.JETTY, server -> server.stopServer(5_000)))
                .startsWith("1001 ");
    }
}
