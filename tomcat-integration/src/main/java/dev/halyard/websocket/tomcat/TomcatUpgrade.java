// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.tomcat;

import dev.halyard.websocket.servlet.ContainerUpgrade;
import dev.halyard.websocket.servlet.ServletServerContainer;
import dev.halyard.websocket.session.Transport;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * On Tomcat, takes over the connection the way Tomcat's own WebSocket does: the upgrade handler
 * is one of Tomcat's internal kind ({@link TomcatUpgradeHandler}), which Tomcat hands its socket
 * instead of servlet streams, so frames are read into and written from Halyard's buffers
 * directly. Elsewhere (Jetty, or a class loader that cannot see Tomcat's connector classes) it
 * stands aside without a word and the portable servlet upgrade serves.
 */
public final class TomcatUpgrade implements ContainerUpgrade {

    private static final System.Logger LOG = System.getLogger(TomcatUpgrade.class.getName());

    /** Whether Tomcat's connector classes are visible here; checked once, without failing where they are not. */
    private static final boolean TOMCAT_VISIBLE = tomcatVisible();

    /** A public no-argument constructor, for {@link java.util.ServiceLoader}. */
    public TomcatUpgrade() {
    }

    @Override
    public boolean servesContainerOf(ServletContext context) {
        return TOMCAT_VISIBLE && OnTomcat.isTomcatContext(context);
    }

    /** Says, once per application start, which way connections go: an operator's first question. */
    @Override
    public void applicationStarting(ServletContext context, ServletServerContainer container) {
        if (servesContainerOf(context)) {
            LOG.log(System.Logger.Level.INFO, "Halyard on Tomcat: WebSocket connections of " + describe(context)
                    + " are taken over through Tomcat's internal upgrade interface (halyard-tomcat-integration)");
        }
    }

    private static String describe(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "the root application" : path;
    }

    @Override
    public boolean upgrade(HttpServletRequest request, HttpServletResponse response, Executor executor, Consumer<Transport> open) {
        if (!TOMCAT_VISIBLE || !OnTomcat.isTomcatRequest(unwrapped(request))) {
            return false;
        }
        TomcatUpgradeHandler handler;
        try {
            handler = request.upgrade(TomcatUpgradeHandler.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Tomcat refused the upgrade", e);
        } catch (jakarta.servlet.ServletException e) {
            throw new IllegalStateException("Tomcat could not create the upgrade handler", e);
        }
        handler.prepare(executor, request.isSecure(), open);
        return true;
    }

    private static ServletRequest unwrapped(ServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner;
    }

    private static boolean tomcatVisible() {
        try {
            ClassLoader loader = TomcatUpgrade.class.getClassLoader();
            Class.forName("org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler", false, loader);
            Class.forName("org.apache.catalina.connector.RequestFacade", false, loader);
            Class.forName("org.apache.catalina.core.ApplicationContextFacade", false, loader);
            // Links the handler against Tomcat's classes now, rather than failing a handshake later.
            Class.forName(TomcatUpgradeHandler.class.getName(), true, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Touches Tomcat's classes; loaded only where they are visible. */
    private static final class OnTomcat {

        static boolean isTomcatRequest(ServletRequest request) {
            // Tomcat's classes may also be on another container's class path (an application that bundles them):
            // only a request Tomcat itself made can be upgraded Tomcat's way.
            return request instanceof org.apache.catalina.connector.RequestFacade;
        }

        static boolean isTomcatContext(ServletContext context) {
            return context instanceof org.apache.catalina.core.ApplicationContextFacade;
        }
    }
}
