// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.interop;

import dev.halyard.websocket.servlet.HalyardServletContainerInitializer;
import java.util.Set;
import org.apache.catalina.startup.Tomcat;

/**
 * Halyard's server on embedded Tomcat. Tomcat's own WebSocket jar is on this module's class path,
 * but {@code addContext} scans no initializers, so only Halyard's runs.
 */
final class HalyardServer implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();

    HalyardServer(Set<Class<?>> endpoints) throws Exception {
        NativeServer.startTomcat(tomcat, context ->
                context.addServletContainerInitializer(new HalyardServletContainerInitializer(), endpoints));
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
