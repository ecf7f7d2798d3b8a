// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The samples WAR on standalone Tomcat 11. */
class TomcatDistributionTest extends DeployedSamplesTest {

    /** Tomcat stops the web application before its connector: Halyard's 1001 goes out. */
    @Override
    void checkCloseCodeOnStop(int code) {
        assertThat(code).as("close code of a session open when Tomcat stops").isEqualTo(1001);
    }

    /** The WAR carries halyard-tomcat-integration: from WEB-INF/lib it sees Tomcat's classes and takes the fast path. */
    @Test
    void theFastPathServesFromTheWar() throws Exception {
        assertThat(serverLog()).contains("Halyard on Tomcat: WebSocket connections of /halyard-samples are taken over through "
                + "Tomcat's internal upgrade interface");
    }

    @Override
    StandaloneServer server() {
        return new TomcatServer(fromBuild("halyard.tomcat.home"));
    }

    @Override
    String name() {
        return "tomcat";
    }
}
