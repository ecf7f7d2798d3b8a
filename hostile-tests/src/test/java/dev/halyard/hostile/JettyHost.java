// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import jakarta.servlet.ServletContainerInitializer;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12.1 (ee11), with Halyard's initializer (halyard-jetty-integration, on the class
 * path, takes over the upgraded connections) or with Jetty's own Jakarta WebSocket
 * ({@link JettyNativeSetup}).
 */
final class JettyHost implements TargetServer.Host {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    private JettyHost(boolean halyard, Map<String, String> parameters) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        parameters.forEach(context::setInitParameter);
        if (halyard) {
            ServletContainerInitializer webSocket = (ServletContainerInitializer) Class
                    .forName("dev.halyard.websocket.servlet.HalyardServletContainerInitializer").getDeclaredConstructor().newInstance();
            context.addServletContainerInitializer(webSocket, TargetServer.ENDPOINTS.toArray(new Class<?>[0]));
        } else {
            JettyNativeSetup.configure(context);
        }
        context.addServlet(new ServletHolder(new NotFound()), "/");
        context.addServlet(new ServletHolder(new HealthServlet()), "/health");
        server.setHandler(context);
        server.start();
    }

    static TargetServer.Host start(boolean halyard, Map<String, String> parameters) throws Exception {
        return new JettyHost(halyard, parameters);
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }
}
