// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.server;

import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12.1 (ee11) with the given WebSocket initializer (Jetty's Jakarta one or Halyard's). */
final class JettyHost implements ServerHost {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    JettyHost(ServletContainerInitializer webSocket) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServletContainerInitializer(webSocket, ENDPOINTS.toArray(new Class<?>[0]));
        context.addServlet(new ServletHolder(new NotFound()), "/");
        server.setHandler(context);
        server.start();
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
