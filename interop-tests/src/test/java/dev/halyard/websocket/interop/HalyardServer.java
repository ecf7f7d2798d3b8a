package dev.halyard.websocket.interop;

import dev.halyard.websocket.servlet.HalyardServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Halyard's server on embedded Tomcat. Tomcat's own WebSocket jar is on this module's class path,
 * but {@code addContext} scans no initializers, so only Halyard's runs.
 */
final class HalyardServer implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();

    HalyardServer(Set<Class<?>> endpoints) throws Exception {
        Path base = Files.createTempDirectory("halyard-interop");
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", base.toString());
        context.addServletContainerInitializer(new HalyardServletContainerInitializer(), endpoints);
        // Tomcat runs an application's filters (Halyard's upgrade filter is one) only for requests a servlet matches.
        Tomcat.addServlet(context, "default", new jakarta.servlet.http.HttpServlet() {
            private static final long serialVersionUID = 1L;
        });
        context.addServletMappingDecoded("/", "default");
        tomcat.getConnector();
        tomcat.start();
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
