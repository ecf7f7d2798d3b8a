// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.session.Transport;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The container-specific upgrades that can load here (usually none), and Jetty without one.
 * One that cannot load (Halyard's Jetty module in a web application that may not see Jetty's
 * server classes) is left out with a warning. On Jetty 12.1 with none, Jetty's servlet upgrade
 * switches a GET without {@code Content-Length}, as browsers send it, and then never delivers its
 * frames (COMPATIBILITY.md C19): the application's start logs one ERROR saying what to add, and
 * such handshakes are answered 501 with the same words instead of a connection that goes silent.
 */
final class ContainerUpgrades {

    private static final System.Logger LOG = System.getLogger(ContainerUpgrades.class.getName());
    private static final ContainerUpgrades LOADED = load();

    private final List<ContainerUpgrade> upgrades;
    /** Whether some upgrade was found but could not load. */
    private final boolean loadFailed;

    private ContainerUpgrades(List<ContainerUpgrade> upgrades, boolean loadFailed) {
        this.upgrades = List.copyOf(upgrades);
        this.loadFailed = loadFailed;
    }

    static ContainerUpgrades loaded() {
        return LOADED;
    }

    private static ContainerUpgrades load() {
        List<ContainerUpgrade> loaded = new ArrayList<>();
        boolean failed = false;
        Iterator<ContainerUpgrade> providers =
                ServiceLoader.load(ContainerUpgrade.class, ContainerUpgrades.class.getClassLoader()).iterator();
        for (int attempt = 0; attempt < 64; attempt++) { // bounded: a broken service file may fail every time
            try {
                if (!providers.hasNext()) {
                    break;
                }
                loaded.add(providers.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failed = true;
                LOG.log(System.Logger.Level.WARNING, "A container-specific WebSocket upgrade cannot load here and is left out: " + e);
            }
        }
        return new ContainerUpgrades(loaded, failed);
    }

    /** Lets each upgrade hook into the starting application; on Jetty without one, says what is missing. */
    void applicationStarting(ServletContext context, ServletServerContainer container) {
        for (ContainerUpgrade special : upgrades) {
            special.applicationStarting(context, container);
        }
        if (onJetty(context) && noneServes(context)) {
            LOG.log(System.Logger.Level.ERROR, jettyWithoutUpgrade() + "; until then handshakes without Content-Length, as "
                    + "browsers send them, are refused with 501, since Jetty's servlet upgrade would lose their frames");
        }
    }

    /** Takes over the connection the container's own way; false when none applies and the portable upgrade serves. */
    boolean upgrade(HttpServletRequest request, HttpServletResponse response, Executor executor, Consumer<Transport> open) {
        for (ContainerUpgrade special : upgrades) {
            if (special.upgrade(request, response, executor, open)) {
                return true;
            }
        }
        return false;
    }

    /** Why this handshake cannot be upgraded here, or null when it can. */
    String refusal(HttpServletRequest request) {
        ServletContext context = request.getServletContext();
        if (request.getHeader("Content-Length") != null || !onJetty(context) || !noneServes(context)) {
            return null;
        }
        return jettyWithoutUpgrade() + " (COMPATIBILITY.md C19: Jetty's servlet upgrade loses the frames after a handshake "
                + "without Content-Length)";
    }

    private boolean noneServes(ServletContext context) {
        for (ContainerUpgrade special : upgrades) {
            if (special.servesContainerOf(context)) {
                return false;
            }
        }
        return true;
    }

    private String jettyWithoutUpgrade() {
        return loadFailed
                ? "Halyard on Jetty: halyard-jetty-integration cannot load because Jetty hides its server classes from the "
                        + "application; expose org.eclipse.jetty.ee11.servlet., org.eclipse.jetty.server., org.eclipse.jetty.io. "
                        + "and org.eclipse.jetty.util. in WEB-INF/jetty-ee11-web.xml (README, \"In a servlet container\")"
                : "Halyard on Jetty needs halyard-jetty-integration, which is not on the application's class path: add the jar "
                        + "beside halyard-servlet-integration (README, \"In a servlet container\")";
    }

    private static boolean onJetty(ServletContext context) {
        String server = context == null ? null : context.getServerInfo();
        return server != null && server.toLowerCase(Locale.ROOT).startsWith("jetty");
    }
}
