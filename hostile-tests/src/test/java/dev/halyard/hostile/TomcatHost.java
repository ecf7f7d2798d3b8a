// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 11 with one WebSocket initializer, named by class so that the other
 * implementation's classes are never loaded: Halyard's (and not WsSci) or Tomcat's WsSci.
 */
final class TomcatHost implements TargetServer.Host {

    private final Tomcat tomcat = new Tomcat();

    @SuppressWarnings("deprecation") // addServletMappingDecoded, as in the project's other embedded Tomcats
    private TomcatHost(String initializer, Map<String, String> parameters) throws Exception {
        Path base = Files.createTempDirectory("hostile-tomcat");
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.toString());
        parameters.forEach(context::addParameter);
        ServletContainerInitializer webSocket =
                (ServletContainerInitializer) Class.forName(initializer).getDeclaredConstructor().newInstance();
        context.addServletContainerInitializer(webSocket, TargetServer.ENDPOINTS);
        Tomcat.addServlet(context, "default", new NotFound());
        context.addServletMappingDecoded("/", "default");
        Tomcat.addServlet(context, "health", new HealthServlet());
        context.addServletMappingDecoded("/health", "health");
        tomcat.start();
    }

    static TargetServer.Host start(String initializer, Map<String, String> parameters) throws Exception {
        return new TomcatHost(initializer, parameters);
    }

    @Override
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
