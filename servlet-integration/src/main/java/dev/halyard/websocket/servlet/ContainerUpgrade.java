// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.session.Transport;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A container-specific way to take over an accepted handshake's connection, for a container whose
 * portable servlet upgrade does not work in some case (Jetty 12.1 with a GET that has no
 * {@code Content-Length}). Found with {@link java.util.ServiceLoader}; when none applies, the
 * portable {@code HttpServletRequest.upgrade} is used.
 */
public interface ContainerUpgrade {

    /**
     * Whether this implementation serves the container running {@code context}: a WAR may carry
     * the upgrades for several containers, and only the one for its own may stand in for the
     * portable upgrade.
     */
    boolean servesContainerOf(ServletContext context);

    /**
     * Takes over the connection once the 101 response, whose status and headers are already set,
     * has been sent.
     *
     * @param executor where the transport runs the read loop and callbacks
     * @param open called once with the connection's transport, on a thread where it may block; a session
     *     that fails to open is logged and its transport closed there
     * @return false when this container is not the one this implementation serves
     */
    boolean upgrade(HttpServletRequest request, HttpServletResponse response, Executor executor, Consumer<Transport> open);

    /**
     * Called as the application starts, to tie the container's lifecycle to the server's where the
     * portable one falls short (Jetty stops its connectors before the application).
     */
    default void applicationStarting(ServletContext context, ServletServerContainer container) {
    }
}
