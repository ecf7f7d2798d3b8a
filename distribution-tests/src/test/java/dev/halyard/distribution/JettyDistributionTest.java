// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

/** The samples WAR on standalone Jetty 12.1 (ee11), with no ee11-websocket module. */
class JettyDistributionTest extends DeployedSamplesTest {

    /**
     * Jetty closes its connections before it stops the web application; with the graceful module
     * (a stop timeout) it first asks halyard-jetty-integration, which sends 1001 (README, "In a
     * servlet container").
     */
    @Override
    void checkCloseCodeOnStop(int code) {
        assertThat(code).as("close code of a session open when Jetty stops").isEqualTo(1001);
    }

    @Override
    StandaloneServer server() {
        return new JettyServer(fromBuild("halyard.jetty.home"));
    }

    @Override
    String name() {
        return "jetty";
    }
}
