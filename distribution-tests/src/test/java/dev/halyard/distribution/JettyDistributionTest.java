package dev.halyard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

/** The samples WAR on standalone Jetty 12.1 (ee11), with no ee11-websocket module. */
class JettyDistributionTest extends DeployedSamplesTest {

    /**
     * 1006 for now: Jetty's Server.doStop closes the connector's connections before it stops the
     * web application, so Halyard's 1001 from contextDestroyed finds the connection gone (README,
     * "In a servlet container"). The session must still end.
     */
    @Override
    void checkCloseCodeOnStop(int code) {
        assertThat(code).as("close code of a session open when Jetty stops").isIn(1001, 1006);
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
