// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A standalone server running as a child process, its output in a log file: started, waited for
 * until a page answers, and stopped the way Ctrl-C stops it (SIGTERM, so its shutdown hooks run).
 */
final class ServerProcess {

    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private List<ProcessHandle> children = List.of();

    private ServerProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Runs {@code command} in {@code directory} with {@code environment} added, its output going to {@code log}. */
    static ServerProcess start(String name, List<String> command, Path directory, Map<String, String> environment, Path log,
            int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ServerProcess(name, builder.start(), log, port);
    }

    int port() {
        return port;
    }

    /** Waits until {@code page} answers 200; fails with the end of the log if the server dies or never answers. */
    void awaitPage(URI page) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(START_LIMIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).pollInSameThread()
                    .until(() -> answers(http, page));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not answer " + page + " within " + START_LIMIT.toSeconds() + " s:\n" + logTail(), e);
        }
    }

    /** Whether {@code page} answers 200 now; fails at once if the server has died. */
    private boolean answers(HttpClient http, URI page) throws InterruptedException {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + " while starting:\n" + logTail());
        }
        try {
            return http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet, or (Tomcat binds its port before deploying) not answering yet
        }
    }

    /**
     * Sends SIGTERM, as Ctrl-C would, and waits for the process and any it started to end.
     *
     * @return whether everything ended within the limit; what did not is then killed
     */
    boolean stop() throws InterruptedException {
        children = process.descendants().toList();
        process.destroy();
        boolean ended = process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            ended &= child.onExit().completeOnTimeout(null, STOP_LIMIT.toSeconds(), TimeUnit.SECONDS).join() != null;
        }
        if (!ended) {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return ended;
    }

    /** Whether the server, or a process it had started when {@link #stop} was called, still runs. */
    boolean isAlive() {
        return process.isAlive() || children.stream().anyMatch(ProcessHandle::isAlive);
    }

    /** Whether anything still accepts connections on the server's port. */
    boolean isListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Everything the server wrote so far. */
    String log() throws IOException {
        return java.nio.file.Files.readString(log, java.nio.charset.StandardCharsets.UTF_8);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port + " (log " + log + ")";
    }
}
