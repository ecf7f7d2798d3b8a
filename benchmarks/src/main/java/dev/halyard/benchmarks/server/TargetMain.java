// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * One server target, in a JVM of its own started by the load runner:
 * {@code TargetMain tomcat|jetty <ServletContainerInitializer class>}. It reports its port on
 * stdout as {@code bench-target port=N}, then obeys one command a line on stdin: {@code heap}
 * (collect garbage, report {@code bench-target heap=BYTES}), {@code trim} (give the C heap's free
 * memory back to the system, report {@code bench-target trim=WHAT THE JVM SAID}) and {@code stop}.
 * End of stdin also stops it, so a target never outlives its runner.
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
                } else if (command.equals("trim")) {
                    System.out.println(PREFIX + "trim=" + trimNativeHeap());
                } else {
                    System.out.println(PREFIX + "error=unknown command " + command);
                }
                System.out.flush();
            }
        }
        System.exit(0); // container threads that are not daemons must not keep the JVM
    }

    /**
     * The JVM's System.trim_native_heap diagnostic command (as jcmd gives it): glibc's malloc keeps
     * freed memory resident, in amounts that depend on which threads allocated what and when (the
     * JIT's arenas, Tomcat's and Jetty's native buffers), and trimming it first keeps that out of a
     * resident-set difference. Says "unsupported" where the JVM has no such command.
     */
    private static String trimNativeHeap() {
        try {
            Object said = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(said).replaceAll("\\s+", " ").trim();
        } catch (JMException | RuntimeException e) {
            return "unsupported (" + e + ")";
        }
    }

    /**
     * Used heap after full collections; twice, so that objects freed by finalization go too. Then
     * it waits until the direct buffers the collections found unreachable are freed: their
     * cleaners run on the JVM's reference handler thread after the collection, and a resident-set
     * reading taken before they ran would count them, then find them gone in the next reading.
     */
    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElse(null);
        long used = direct == null ? 0 : direct.getMemoryUsed();
        for (int i = 0; direct != null && i < 40; i++) { // 2 s at most
            Thread.sleep(50);
            long now = direct.getMemoryUsed();
            if (now == used) {
                break;
            }
            used = now;
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
