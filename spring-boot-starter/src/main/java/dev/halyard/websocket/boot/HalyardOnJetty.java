// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import dev.halyard.websocket.servlet.HalyardServletContainerInitializer;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Installs Halyard in Boot's embedded Jetty 12.1, which runs no {@code ServletContainerInitializer}
 * found on the class path either: once Boot has built the server, Halyard's initializer is added
 * to the web application (Jetty takes initializers only before the context starts, and runs them
 * after Boot's own, so the application's filters come before the upgrade), with the
 * {@code halyard.*} properties as context init parameters. On Jetty Halyard needs
 * {@code halyard-jetty-integration} (README, "In a servlet container": Jetty's servlet upgrade loses
 * a browser's frames), and Jetty's own WebSocket must be absent; either mistake stops the
 * application as it starts, saying what to change.
 */
final class HalyardOnJetty implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

    private static final String JETTY_WEBSOCKET =
            "org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer";

    private final HalyardProperties properties;
    /** The application's, where the class-path mistakes are looked for. */
    private final ClassLoader classLoader;

    HalyardOnJetty(HalyardProperties properties, ClassLoader classLoader) {
        this.properties = properties;
        this.classLoader = classLoader;
    }

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        Misconfiguration.refuseIfPresent(classLoader, JETTY_WEBSOCKET,
                "Jetty's own Jakarta WebSocket (jetty-ee11-websocket-jakarta-server)",
                "exclude org.eclipse.jetty.ee11.websocket:* and org.eclipse.jetty.websocket:* from spring-boot-starter-jetty");
        Misconfiguration.requirePresent(classLoader, "dev.halyard.websocket.jetty.JettyUpgrade",
                "On Jetty, Halyard needs dev.halyard:halyard-jetty-integration, which is not on the class path: add it beside "
                        + "halyard-spring-boot-starter. Without it Jetty's servlet upgrade loses the frames a browser sends "
                        + "after the handshake (README, \"In a servlet container\")");
        factory.addServerCustomizers(server -> {
            WebAppContext context = server.getDescendant(WebAppContext.class);
            if (context == null) {
                throw new IllegalStateException("Boot's Jetty server has no WebAppContext to install Halyard in");
            }
            properties.initParameters().forEach(context::setInitParameter);
            context.addServletContainerInitializer(new HalyardServletContainerInitializer());
        });
    }
}
