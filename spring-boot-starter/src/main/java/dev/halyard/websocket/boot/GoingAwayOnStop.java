// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import dev.halyard.websocket.server.HalyardServerContainer;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.context.ServletContextAware;

/**
 * Closes open sessions with 1001 (RFC 6455 §7.4.1, going away) as the application stops, before
 * Boot shuts its web server down, and lets the stop go on once their close handshakes are done or
 * timed out. Without it peers see 1006 on both containers (the stop test of
 * {@code SpringBootApplications} fails so): embedded Jetty closes its connections before it stops
 * the web application, and Boot gives it no stop timeout, so Halyard's {@code Graceful} component
 * is not asked; on Boot's Tomcat the connections end before the application's own stop can send.
 */
final class GoingAwayOnStop implements SmartLifecycle, ServletContextAware {

    /**
     * Stopped before Boot's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and web server stop
     * ({@code DEFAULT_PHASE - 2048}): a higher phase stops first.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private volatile ServletContext servletContext;
    private volatile boolean running;

    @Override
    public void setServletContext(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        ServletContext context = servletContext;
        Object container = context == null ? null : context.getAttribute(ServerContainer.class.getName());
        if (container instanceof HalyardServerContainer) {
            ((HalyardServerContainer) container).closeSessionsGoingAway().whenComplete((closed, failure) -> callback.run());
        } else {
            callback.run();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
