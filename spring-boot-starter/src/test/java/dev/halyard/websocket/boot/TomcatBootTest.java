// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import dev.halyard.websocket.boot.app.BootApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link BootApplication} on Boot's embedded Tomcat, without tomcat-embed-websocket. */
@SpringBootTest(classes = BootApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TomcatBootTest.ONLY_TOMCAT, SpringBootApplications.TEXT_LIMIT})
class TomcatBootTest extends SpringBootApplications {

    static final String ONLY_TOMCAT =
            "spring.autoconfigure.exclude=org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration";

    @Override
    String onlyThisContainer() {
        return ONLY_TOMCAT;
    }
}
