// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The attacked server, in a JVM of its own (started by {@link Target} with {@code -Xmx256m}):
 * {@code TargetServer <kind> <port-file> [key=value context init parameters...]}, kind one of
 * {@code tomcat-halyard}, {@code jetty-halyard}, {@code tomcat-native}, {@code jetty-native}.
 * Serves {@link EchoEndpoint} at /echo, {@link BroadcastEndpoint} at /broadcast, {@link HealthServlet}
 * at /health and {@link NotFound} at "/", on 127.0.0.1 and a free port, which it writes to the port
 * file. It stops when its stdin ends, so it never outlives the test that started it.
 */
public final class TargetServer {

    /** The endpoint classes every kind deploys. */
    static final Set<Class<?>> ENDPOINTS = Set.of(EchoEndpoint.class, BroadcastEndpoint.class);

    /** A started server. */
    interface Host {
        int port();

        void stop() throws Exception;
    }

    private TargetServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("Usage: TargetServer tomcat-halyard|jetty-halyard|tomcat-native|jetty-native <port-file> [key=value...]");
            System.exit(2);
        }
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            Registry.noteOom(error);
            System.err.println("Uncaught in " + thread.getName() + ": " + error);
            error.printStackTrace();
        });
        String kind = args[0];
        Path portFile = Path.of(args[1]);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Not key=value: " + args[i]);
            }
            parameters.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        Host host;
        try {
            switch (kind) {
                case "tomcat-halyard":
                    host = TomcatHost.start("dev.halyard.websocket.servlet.HalyardServletContainerInitializer", parameters);
                    break;
                case "tomcat-native":
                    host = TomcatHost.start("org.apache.tomcat.websocket.server.WsSci", parameters);
                    break;
                case "jetty-halyard":
                    host = JettyHost.start(true, parameters);
                    break;
                case "jetty-native":
                    host = JettyHost.start(false, parameters);
                    break;
                default:
                    throw new IllegalArgumentException("Unknown kind " + kind);
            }
        } catch (Throwable e) {
            System.err.println("TargetServer " + kind + " failed to start: " + e);
            e.printStackTrace();
            System.exit(3);
            return;
        }
        Path temporary = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(temporary, Integer.toString(host.port()), StandardCharsets.US_ASCII);
        Files.move(temporary, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("TargetServer " + kind + " listening on 127.0.0.1:" + host.port() + " with " + parameters);

        waitForEndOfInput(System.in);

        // Stopping a server under attack may hang; the process ends within 8 s whatever happens.
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(8_000);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(0);
        }, "halt");
        halt.setDaemon(true);
        halt.start();
        try {
            host.stop();
        } catch (Throwable e) {
            System.err.println("TargetServer " + kind + " failed to stop: " + e);
        }
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // nothing is expected on stdin; its end is the signal
            }
        } catch (IOException e) {
            // the parent is gone
        }
    }
}
