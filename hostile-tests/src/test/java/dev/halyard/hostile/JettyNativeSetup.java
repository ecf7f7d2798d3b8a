// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import jakarta.websocket.DeploymentException;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;

/** Jetty's own Jakarta WebSocket on a context; a class of its own so Halyard targets never load it. */
final class JettyNativeSetup {

    private JettyNativeSetup() {
    }

    static void configure(ServletContextHandler context) {
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            for (Class<?> endpoint : TargetServer.ENDPOINTS) {
                try {
                    container.addEndpoint(endpoint);
                } catch (DeploymentException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }
}
