// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.jetty;

import dev.halyard.websocket.servlet.ContainerUpgrade;
import dev.halyard.websocket.servlet.ServletServerContainer;
import dev.halyard.websocket.session.Transport;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.util.Callback;

/**
 * On Jetty 12.1, takes over the connection the way Jetty's own WebSocket does: the request carries
 * the connection to switch to, and when Jetty has sent the 101 it hands its endpoint, with any
 * bytes it already read, to that connection. Jetty's servlet upgrade is not used: for a GET
 * without {@code Content-Length} (what browsers send) it does not deliver the bytes after the 101
 * (COMPATIBILITY.md C19).
 */
public final class JettyUpgrade implements ContainerUpgrade {

    /**
     * Fails when Jetty's classes are not visible (another container, or a web application Jetty
     * hides them from), so that {@code ServiceLoader} reports it and Halyard leaves this upgrade
     * out with a warning. Without this the class loads anyway and every handshake fails with a
     * {@code NoClassDefFoundError}.
     */
    public JettyUpgrade() {
        // Loading JettyConnection loads the org.eclipse.jetty.io classes it extends.
        List.of(ServletContextRequest.class, HttpStream.class, JettyConnection.class, Callback.class, ServletContextHandler.class,
                GoingAway.class);
    }

    @Override
    public boolean servesContainerOf(ServletContext context) {
        try {
            return ServletContextHandler.getServletContextHandler(context) != null;
        } catch (RuntimeException e) {
            return false; // not a Jetty context
        }
    }

    /** Registers {@link GoingAway} with the application's context, where Jetty's graceful stop finds it. */
    @Override
    public void applicationStarting(ServletContext context, ServletServerContainer container) {
        ServletContextHandler handler;
        try {
            handler = ServletContextHandler.getServletContextHandler(context);
        } catch (RuntimeException e) {
            return; // not a Jetty context
        }
        if (handler != null) {
            handler.addBean(new GoingAway(container));
        }
    }

    @Override
    public boolean upgrade(HttpServletRequest request, HttpServletResponse response, Executor executor, Consumer<Transport> open) {
        ServletContextRequest jettyRequest;
        try {
            jettyRequest = ServletContextRequest.getServletContextRequest(request);
        } catch (RuntimeException e) {
            return false;
        }
        if (jettyRequest == null) {
            return false;
        }
        JettyConnection connection = new JettyConnection(jettyRequest.getConnectionMetaData().getConnection().getEndPoint(),
                executor, request.isSecure(), open);
        jettyRequest.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        return true;
    }
}
