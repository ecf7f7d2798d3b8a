// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.testing.LogCapture;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * halyard-tomcat-integration in a WAR that runs on Jetty (whose class path here also has
 * Tomcat's classes, as an application bundling them would): it stands aside, and does not
 * pass for the Jetty module, so Jetty without halyard-jetty-integration still says what is
 * missing and refuses what it would lose.
 */
class TomcatModuleElsewhereTest {

    @Test
    void onJettyItStandsAsideAndJettysOwnModuleIsStillAskedFor() throws Exception {
        try (LogCapture log = LogCapture.of(ContainerUpgrades.class.getName());
                EmbeddedServer server = EmbeddedServer.startJettyAnyway(Set.of(Endpoints.Plain.class))) {
            assertThat(log.at(Level.SEVERE)).singleElement().asString().contains("halyard-jetty-integration");
            assertThat(JettyWithoutIntegrationTest.exchange(server.port(), false)).startsWith("HTTP/1.1 501");
            // With Content-Length, Jetty's servlet upgrade works: the portable path serves, not Tomcat's.
            assertThat(JettyWithoutIntegrationTest.exchange(server.port(), true)).startsWith("HTTP/1.1 101");
        }
    }
}
