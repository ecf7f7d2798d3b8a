// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * One server target, in a JVM of its own started by the load runner:
 * {@code TargetMain tomcat|jetty <ServletContainerInitializer class>}. It reports its port on
 * stdout as {@code bench-target port=N}, then obeys one command a line on stdin: {@code heap}
 * (collect garbage, report {@code bench-target heap=BYTES}) and {@code stop}. End of stdin also
 * stops it, so a target never outlives its runner.
 */
public final class TargetMain {

    static final String PREFIX = "bench-target ";

    private TargetMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("tomcat") || args[0].equals("jetty"))) {
            throw new IllegalArgumentException("Expected arguments: tomcat|jetty <ServletContainerInitializer class>, got "
                    + String.join(" ", args));
        }
        var webSocket = ServerHost.initializer(args[1]);
        try (ServerHost host = args[0].equals("tomcat") ? new TomcatHost(webSocket) : new JettyHost(webSocket)) {
            System.out.println(PREFIX + "port=" + host.port());
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String command; (command = commands.readLine()) != null && !command.equals("stop"); ) {
                if (command.equals("heap")) {
                    System.out.println(PREFIX + "heap=" + heapAfterGc());
                } else {
                    System.out.println(PREFIX + "error=unknown command " + command);
                }
                System.out.flush();
            }
        }
        System.exit(0); // container threads that are not daemons must not keep the JVM
    }

    /** Used heap after full collections; twice, so that objects freed by finalization go too. */
    private static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
