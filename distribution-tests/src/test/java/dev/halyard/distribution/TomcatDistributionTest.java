// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

/** The samples WAR on standalone Tomcat 11. */
class TomcatDistributionTest extends DeployedSamplesTest {

    /** Tomcat stops the web application before its connector: Halyard's 1001 goes out. */
    @Override
    void checkCloseCodeOnStop(int code) {
        assertThat(code).as("close code of a session open when Tomcat stops").isEqualTo(1001);
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
