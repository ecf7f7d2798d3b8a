// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.interop;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Tomcat 11 or Jetty 12.1 serving endpoints with the container's own WebSocket implementation. */
abstract class NativeServer implements AutoCloseable {

    enum Kind { TOMCAT_NATIVE, JETTY_NATIVE }

    abstract int port();

    static NativeServer start(Kind kind, List<Class<?>> endpoints) throws Exception {
        return kind == Kind.TOMCAT_NATIVE ? new TomcatNative(endpoints) : new JettyNative(endpoints);
    }

    private static void deploy(ServerContainer container, List<Class<?>> endpoints) {
        try {
            for (Class<?> endpoint : endpoints) {
                container.addEndpoint(endpoint);
            }
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code tomcat} on a free port with one application at "/", set up by {@code setUp}, and a
     * servlet mapped to "/": Tomcat runs an application's filters (a WebSocket upgrade is one) only
     * for requests some servlet matches.
     */
    static void startTomcat(Tomcat tomcat, java.util.function.Consumer<Context> setUp) throws Exception {
        Path base = Files.createTempDirectory("tomcat-interop");
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", base.toString());
        setUp.accept(context);
        Tomcat.addServlet(context, "default", new jakarta.servlet.http.HttpServlet() {
            private static final long serialVersionUID = 1L;
        });
        context.addServletMappingDecoded("/", "default");
        tomcat.getConnector();
        tomcat.start();
    }

    private static final class TomcatNative extends NativeServer {
        private final Tomcat tomcat = new Tomcat();

        TomcatNative(List<Class<?>> endpoints) throws Exception {
            DEPLOY.set(endpoints);
            startTomcat(tomcat, context -> {
                context.addServletContainerInitializer(new WsSci(), null);
                context.addApplicationListener(Deployer.class.getName());
            });
        }

        @Override
        int port() {
            return tomcat.getConnector().getLocalPort();
        }

        @Override
        public void close() throws Exception {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /** What Tomcat's listener deploys (Tomcat instantiates listeners by class name). */
    static final InheritableThreadLocal<List<Class<?>>> DEPLOY = new InheritableThreadLocal<>();

    public static final class Deployer implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            deploy((ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName()), DEPLOY.get());
        }
    }

    private static final class JettyNative extends NativeServer {
        private final Server server = new Server();
        private final ServerConnector connector = new ServerConnector(server);

        JettyNative(List<Class<?>> endpoints) throws Exception {
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> deploy(container, endpoints));
            server.setHandler(context);
            server.start();
        }

        @Override
        int port() {
            return connector.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
