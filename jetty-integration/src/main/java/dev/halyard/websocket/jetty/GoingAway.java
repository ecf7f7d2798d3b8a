// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.jetty;

import dev.halyard.websocket.servlet.ServletServerContainer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.util.component.Graceful;

/**
 * Sends 1001 to every open session when the whole Jetty server stops gracefully. Jetty closes its
 * connections before it stops the web applications, so the application's own stop comes too late
 * for a close frame; Jetty calls its {@code Graceful} components first, when the server has a stop
 * timeout (the {@code graceful} module of jetty-home). Without one, peers see the connection end.
 */
final class GoingAway implements Graceful {

    private final ServletServerContainer container;
    private volatile CompletableFuture<Void> closed;

    GoingAway(ServletServerContainer container) {
        this.container = container;
    }

    @Override
    public synchronized CompletableFuture<Void> shutdown() {
        if (closed == null) {
            closed = container.closeSessionsGoingAway();
        }
        return closed;
    }

    @Override
    public boolean isShutdown() {
        return closed != null;
    }
}
