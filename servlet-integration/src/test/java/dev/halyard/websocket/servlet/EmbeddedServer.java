package dev.halyard.websocket.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Tomcat 11 or Jetty 12.1 (ee11) serving one application with Halyard's initializer and
 * none of the container's own WebSocket. Like the standalone servers, each maps a servlet to "/"
 * (standalone Tomcat's DefaultServlet): Tomcat runs an application's filters only for requests
 * some servlet matches.
 */
abstract class EmbeddedServer implements AutoCloseable {

    enum Kind { TOMCAT, JETTY }

    abstract int port();

    abstract void stopApplication() throws Exception;

    static EmbeddedServer start(Kind kind, Set<Class<?>> scanned, Map<String, String> initParameters) throws Exception {
        return start(kind, scanned, initParameters, null, Map.of());
    }

    /**
     * @param after an initializer run after Halyard's, as an application's own would be
     * @param servlets extra servlets by path pattern
     */
    static EmbeddedServer start(Kind kind, Set<Class<?>> scanned, Map<String, String> initParameters,
            jakarta.servlet.ServletContainerInitializer after, Map<String, HttpServlet> servlets) throws Exception {
        return kind == Kind.TOMCAT ? new TomcatServer(scanned, initParameters, after, servlets)
                : new JettyServer(scanned, initParameters, after, servlets);
    }

    /** Answers 404 to everything: the stand-in for a default servlet. */
    static final class NotFound extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(404, "No resource at " + request.getRequestURI());
        }
    }

    private static final class TomcatServer extends EmbeddedServer {
        private final Tomcat tomcat = new Tomcat();
        private final Context context;

        TomcatServer(Set<Class<?>> scanned, Map<String, String> initParameters, jakarta.servlet.ServletContainerInitializer after,
                Map<String, HttpServlet> servlets) throws Exception {
            Path base = Files.createTempDirectory("halyard-tomcat");
            tomcat.setBaseDir(base.toString());
            tomcat.setPort(0);
            context = tomcat.addContext("", base.toString());
            initParameters.forEach(context::addParameter);
            context.addServletContainerInitializer(new HalyardServletContainerInitializer(), scanned);
            if (after != null) {
                context.addServletContainerInitializer(after, Set.of());
            }
            Tomcat.addServlet(context, "default", new NotFound());
            context.addServletMappingDecoded("/", "default");
            int i = 0;
            for (Map.Entry<String, HttpServlet> servlet : servlets.entrySet()) {
                Tomcat.addServlet(context, "servlet" + i, servlet.getValue());
                context.addServletMappingDecoded(servlet.getKey(), "servlet" + i++);
            }
            tomcat.getConnector();
            tomcat.start();
        }

        @Override
        int port() {
            return tomcat.getConnector().getLocalPort();
        }

        @Override
        void stopApplication() throws LifecycleException {
            context.stop();
        }

        @Override
        public void close() throws Exception {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static final class JettyServer extends EmbeddedServer {
        private final Server server = new Server();
        private final ServerConnector connector = new ServerConnector(server);
        private final ServletContextHandler context = new ServletContextHandler("/");

        JettyServer(Set<Class<?>> scanned, Map<String, String> initParameters, jakarta.servlet.ServletContainerInitializer after,
                Map<String, HttpServlet> servlets) throws Exception {
            connector.setPort(0);
            server.addConnector(connector);
            initParameters.forEach(context::setInitParameter);
            context.addServletContainerInitializer(new HalyardServletContainerInitializer(), scanned.toArray(new Class<?>[0]));
            if (after != null) {
                context.addServletContainerInitializer(after);
            }
            context.addServlet(new ServletHolder(new NotFound()), "/");
            servlets.forEach((pattern, servlet) -> context.addServlet(new ServletHolder(servlet), pattern));
            server.setHandler(context);
            server.start();
        }

        @Override
        int port() {
            return connector.getLocalPort();
        }

        @Override
        void stopApplication() throws Exception {
            context.stop();
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
