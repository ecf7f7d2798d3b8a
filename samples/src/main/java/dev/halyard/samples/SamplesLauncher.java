// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples;

import dev.halyard.samples.chat.ChatEndpoint;
import dev.halyard.samples.echo.EchoEndpoint;
import dev.halyard.samples.orders.OrdersEndpoint;
import dev.halyard.samples.ticker.TickerEndpoint;
import dev.halyard.websocket.servlet.HalyardServletContainerInitializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * Serves the samples on embedded Tomcat 11 with Halyard, Tomcat's own WebSocket left out:
 * {@code java -jar samples/target/halyard-samples.jar [--port N]}. Ctrl-C stops the server,
 * closing open sessions with 1001.
 */
public final class SamplesLauncher implements AutoCloseable {

    static final Set<Class<?>> ENDPOINTS = Set.of(EchoEndpoint.class, ChatEndpoint.class, TickerEndpoint.class,
            OrdersEndpoint.class);
    private static final List<String> PAGES = List.of("index.html", "chat.html");

    private final Tomcat tomcat = new Tomcat();
    private final Path base;

    private SamplesLauncher(int port) throws IOException, LifecycleException {
        base = Files.createTempDirectory("halyard-samples");
        Path pages = Files.createDirectories(base.resolve("pages"));
        for (String page : PAGES) {
            // Where a WAR's container serves them from the jar (Servlet 6.1 §10.5); here copied to a folder.
            try (InputStream in = SamplesLauncher.class.getResourceAsStream("/META-INF/resources/" + page)) {
                Files.copy(in, pages.resolve(page), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(port);
        Context context = tomcat.addContext("", pages.toString());
        context.addServletContainerInitializer(new HalyardServletContainerInitializer(), ENDPOINTS);
        // Standalone Tomcat maps its DefaultServlet to "/"; embedded Tomcat must, or no filter runs.
        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        context.addWelcomeFile("index.html");
        tomcat.getConnector();
        tomcat.start();
    }

    /** Starts the samples on {@code port} (0 for any free port). */
    public static SamplesLauncher start(int port) throws IOException, LifecycleException {
        return new SamplesLauncher(port);
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** Stops the server: open sessions get 1001 from the application's shutdown. */
    @Override
    public void close() throws LifecycleException, IOException {
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = parsePort(args[++i]);
            } else if (args[i].startsWith("--port=")) {
                port = parsePort(args[i].substring("--port=".length()));
            } else {
                System.err.println("Usage: java -jar halyard-samples.jar [--port N]   (unknown argument: " + args[i] + ")");
                System.exit(2);
            }
        }
        SamplesLauncher samples = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                samples.close();
            } catch (Exception e) {
                System.err.println("Stopping the samples failed: " + e);
            }
        }, "halyard-samples-shutdown"));
        System.out.println("Halyard samples on embedded Tomcat: http://localhost:" + samples.port() + "/  (Ctrl-C to stop)");
        samples.tomcat.getServer().await();
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            System.err.println("--port takes a number from 0 to 65535, got \"" + text + "\"");
            System.exit(2);
            return -1;
        }
    }
}
