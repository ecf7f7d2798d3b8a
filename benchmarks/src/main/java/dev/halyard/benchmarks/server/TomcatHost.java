// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.server;

import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 11 with the given WebSocket initializer (Tomcat's WsSci or Halyard's). */
final class TomcatHost implements ServerHost {

    private final Tomcat tomcat = new Tomcat();
    /** Tomcat's base and work directories, deleted once it stopped (each run made one more). */
    private final Path base;

    TomcatHost(ServletContainerInitializer webSocket) throws Exception {
        base = Files.createTempDirectory("halyard-bench-tomcat");
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        // NIO's default of 8192 connections would cap the idle-connection figure below its 10,000
        tomcat.getConnector().setProperty("maxConnections", "-1");
        Context context = tomcat.addContext("", base.toString());
        context.addServletContainerInitializer(webSocket, ENDPOINTS);
        Tomcat.addServlet(context, "default", new NotFound());
        context.addServletMappingDecoded("/", "default");
        tomcat.start();
    }

    @Override
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws LifecycleException, IOException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            try (Stream<Path> tree = Files.walk(base)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
