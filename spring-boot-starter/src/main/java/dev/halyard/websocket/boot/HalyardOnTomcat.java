// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import dev.halyard.websocket.servlet.HalyardServletContainerInitializer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Installs Halyard in Boot's embedded Tomcat. Boot's Tomcat runs no {@code ServletContainerInitializer}
 * found on the class path (it registers Tomcat's own {@code WsSci} itself, when present), so this
 * adds Halyard's to the context, with the {@code halyard.*} properties as context init parameters
 * for it to read. Tomcat's own WebSocket on the class path as well is refused as the application
 * starts: two implementations would compete for the same {@code ServerContainer} attribute.
 */
final class HalyardOnTomcat implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final HalyardProperties properties;
    /** The application's, where the class-path mistakes are looked for. */
    private final ClassLoader classLoader;

    HalyardOnTomcat(HalyardProperties properties, ClassLoader classLoader) {
        this.properties = properties;
        this.classLoader = classLoader;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Misconfiguration.refuseIfPresent(classLoader, "org.apache.tomcat.websocket.server.WsSci",
                "Tomcat's own WebSocket (tomcat-embed-websocket)",
                "exclude org.apache.tomcat.embed:tomcat-embed-websocket from spring-boot-starter-tomcat");
        factory.addContextCustomizers(context -> {
            properties.initParameters().forEach(context::addParameter);
            // Added after Boot's own initializer, so filters the application registers run before the upgrade.
            context.addServletContainerInitializer(new HalyardServletContainerInitializer(), null);
        });
    }
}
