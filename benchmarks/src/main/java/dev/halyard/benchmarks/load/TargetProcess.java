// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server target running in a JVM of its own ({@code dev.halyard.benchmarks.server.TargetMain}),
 * on the benchmarks' classes plus the target's own jars, with the same JVM options as every
 * other target. Its stdout and stderr go to a log file, but for the lines it answers with, which
 * start with "bench-target ".
 */
final class TargetProcess implements AutoCloseable, ServerProbe {

    /**
     * The same for every target, so that only the WebSocket differs. The whole heap is touched at
     * start, so that a growing resident set shows memory outside the heap, not heap pages first used.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch");

    private static final String PREFIX = "bench-target ";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final Target target;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final InetSocketAddress address;

    private TargetProcess(Target target, Process process, Path log) throws IOException {
        this.target = target;
        this.process = process;
        commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        Thread pump = new Thread(() -> pump(log), "target-stdout-" + target.id());
        pump.setDaemon(true);
        pump.start();
        String port = answer("port");
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port));
    }

    /**
     * Starts {@code target} and waits for its port.
     *
     * @param build the benchmarks module's build directory, with classes/ and servers-ID/lib/
     */
    static TargetProcess start(Target target, Path build) {
        Path classes = build.resolve("classes");
        Path lib = build.resolve("servers-" + target.id()).resolve("lib");
        if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("No classes or server jars for " + target.id() + " under " + build.toAbsolutePath()
                    + " (expected " + classes + " and " + lib + "): build them with "
                    + "mvn -B -DskipTests package -pl benchmarks -am");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        // For profiling a target, e.g. -Dhalyard.bench.targetOptions=-XX:StartFlightRecording=filename=t.jfr
        String extra = System.getProperty("halyard.bench.targetOptions", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-cp");
        command.add(classes + File.pathSeparator + lib + File.separator + "*");
        command.add("dev.halyard.benchmarks.server.TargetMain");
        command.add(target.host());
        command.add(target.initializer());
        Path log = build.resolve("target-" + target.id() + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new TargetProcess(target, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Starting target " + target.id() + " with " + command + " failed", e);
        }
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public long heapAfterGc() {
        send("heap");
        return Long.parseLong(answer("heap"));
    }

    /** After the target gave its C heap's free memory back (see TargetMain's trim command), where it can. */
    @Override
    public long residentBytes() {
        send("trim");
        answer("trim");
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024; // reported in kB
                }
            }
            return -1;
        } catch (IOException e) {
            return -1; // no /proc outside Linux: the figure is left out
        }
    }

    @Override
    public long cpuNanos() {
        return ProcessCpu.nanos(process.pid());
    }

    private void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Target " + target.id() + " no longer takes commands", e);
        }
    }

    /** Waits for the answer line {@code bench-target NAME=VALUE} and returns VALUE. */
    private String answer(String name) {
        try {
            String line = answers.poll(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (line == null || !line.startsWith(name + "=")) {
                throw new IllegalStateException("Target " + target.id() + " answered " + (line == null ? "nothing" : "\"" + line + "\"")
                        + " instead of " + name + "=... within " + ANSWER_TIMEOUT.toSeconds() + " s; see its log"
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            return line.substring(name.length() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for target " + target.id(), e);
        }
    }

    private void pump(Path log) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = output.readLine()) != null; ) {
                if (line.startsWith(PREFIX)) {
                    answers.add(line.substring(PREFIX.length()));
                } else {
                    file.write(line + "\n");
                    file.flush();
                }
            }
        } catch (IOException e) {
            answers.add("error=" + e); // the waiting side reports it
        }
    }

    @Override
    public void close() {
        try {
            send("stop");
        } catch (UncheckedIOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
