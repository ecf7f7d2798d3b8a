// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import dev.halyard.websocket.boot.app.BootApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link BootApplication} on Boot's embedded Jetty 12.1, without Jetty's own WebSocket, with halyard-jetty-integration. */
@SpringBootTest(classes = BootApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {JettyBootTest.ONLY_JETTY, SpringBootApplications.TEXT_LIMIT})
class JettyBootTest extends SpringBootApplications {

    static final String ONLY_JETTY =
            "spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration";

    @Override
    String onlyThisContainer() {
        return ONLY_JETTY;
    }
}
