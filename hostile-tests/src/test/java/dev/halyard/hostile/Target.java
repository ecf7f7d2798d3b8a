// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A {@link TargetServer} in a child JVM with {@code -Xmx256m}, started for one kind and one attack,
 * logging to {@code target/hostile/<kind>-<attack>.log}. Closing it closes the child's stdin (the
 * child then stops), waits up to 10 s, and kills it if it is still there.
 */
final class Target implements AutoCloseable {

    static final List<String> ALL_KINDS = List.of("tomcat-halyard", "jetty-halyard", "tomcat-native", "jetty-native");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Children not yet closed, killed when this JVM exits whatever the tests did. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-targets"));
    }

    private final String kind;
    private final Process process;
    private final Path log;
    private final int port;

    private Target(String kind, Process process, Path log, int port) {
        this.kind = kind;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static Target start(String kind, String attack) throws IOException, InterruptedException {
        return start(kind, attack, Map.of());
    }

    static Target start(String kind, String attack, Map<String, String> initParameters) throws IOException, InterruptedException {
        return start(kind, attack, initParameters, Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** As above, the target running on the {@code java} launcher given. */
    static Target start(String kind, String attack, Map<String, String> initParameters, Path java)
            throws IOException, InterruptedException {
        if (!ALL_KINDS.contains(kind)) {
            throw new IllegalArgumentException("Unknown kind " + kind);
        }
        Path dir = outputDirectory();
        Files.createDirectories(dir);
        Path portFile = dir.resolve(kind + "-" + attack + ".port");
        Path log = dir.resolve(kind + "-" + attack + ".log");
        Files.deleteIfExists(portFile);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(classPathFor(kind));
        command.add(TargetServer.class.getName());
        command.add(kind);
        command.add(portFile.toString());
        initParameters.forEach((key, value) -> command.add(key + "=" + value));
        Files.writeString(dir.resolve(kind + "-" + attack + ".cmd"), String.join("\n", command) + "\n", StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        LIVE.add(process);
        try {
            await().atMost(START_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IOException("Target " + kind + " exited with " + process.exitValue() + " before listening; see " + log);
                }
                return Files.exists(portFile);
            });
            int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
            return new Target(kind, process, log, port);
        } catch (ConditionTimeoutException e) {
            stop(process);
            throw new IOException("Target " + kind + " did not write its port within " + START_TIMEOUT + "; see " + log, e);
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    /** target/hostile of this module, found from the test classes' directory on the class path. */
    static Path outputDirectory() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.endsWith(Path.of("target", "test-classes"))) {
                return path.getParent().resolve("hostile");
            }
        }
        return Path.of("target", "hostile");
    }

    /**
     * The test class path without the other implementations' jars: a Halyard target sees neither
     * Tomcat's nor Jetty's WebSocket, a native target no Halyard, and each sees only its container.
     * Both implementations register ServiceLoader providers for the Jakarta API (the container
     * default {@code ServerEndpointConfig.Configurator} is the first one found), so sharing a class
     * path would mix them.
     */
    static String classPathFor(String kind) {
        boolean tomcat = kind.startsWith("tomcat");
        boolean halyard = kind.endsWith("halyard");
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? entry : path.getFileName().toString();
            boolean halyardLibrary = name.startsWith("halyard-") || Files.isDirectory(path.resolve("dev/halyard/websocket"));
            boolean halyardJetty = name.startsWith("halyard-jetty-integration") || Files.isDirectory(path.resolve("dev/halyard/websocket/jetty"));
            boolean halyardTomcat = name.startsWith("halyard-tomcat-integration") || Files.isDirectory(path.resolve("dev/halyard/websocket/tomcat"));
            boolean jetty = name.startsWith("jetty-");
            boolean tomcatJar = name.startsWith("tomcat-");
            boolean containerWebSocket = (jetty || tomcatJar) && name.contains("websocket");
            boolean servletApi = name.startsWith("jakarta.servlet-api"); // tomcat-embed-core has its own
            if ((tomcat && (jetty || servletApi || halyardJetty)) || (!tomcat && (tomcatJar || halyardTomcat))
                    || (halyard && containerWebSocket) || (!halyard && halyardLibrary)) {
                continue;
            }
            kept.add(entry);
        }
        return String.join(File.pathSeparator, kept);
    }

    String kind() {
        return kind;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Whether the child's log mentions an OutOfMemoryError. */
    boolean logHasOutOfMemoryError() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1).contains("OutOfMemoryError");
        } catch (IOException e) {
            return false;
        }
    }

    /** GET /health, parsed; throws when the target does not answer within {@code timeout}. */
    Map<String, String> health(Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            int millis = (int) timeout.toMillis();
            socket.connect(new InetSocketAddress("127.0.0.1", port), millis);
            socket.setSoTimeout(millis);
            long deadline = System.nanoTime() + timeout.toNanos();
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                response.write(buffer, 0, n);
                if (response.size() > 65536 || System.nanoTime() > deadline) {
                    throw new IOException("Health response too long or too slow");
                }
            }
            String text = response.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 200")) {
                throw new IOException("Health answered " + text.lines().findFirst().orElse("nothing"));
            }
            Map<String, String> values = new LinkedHashMap<>();
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            for (String line : body.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals), line.substring(equals + 1).trim());
                }
            }
            return values;
        }
    }

    Map<String, String> health() throws IOException {
        return health(Duration.ofSeconds(15));
    }

    /** Whether a new client's "ping-check" comes back from /echo within {@code within}. */
    boolean freshEchoWorks(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try (RawClient client = RawClient.connect(port, "/echo",
                new RawClient.Options(within, 0, Map.of()))) {
            client.sendText("ping-check");
            for (int frames = 0; frames < 100; frames++) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                client.setSoTimeout(Duration.ofMillis(left));
                RawClient.Frame frame = client.readFrame();
                if (frame.opcode() == RawClient.TEXT) {
                    boolean ok = frame.text().equals("ping-check");
                    client.sendClose(1000);
                    client.setSoTimeout(Duration.ofSeconds(1));
                    try {
                        client.readFrame(); // the server's close, so that it closes first
                    } catch (IOException e) {
                        // closed already, or slow: the socket is closed below anyway
                    }
                    return ok;
                }
                if (frame.opcode() == RawClient.CLOSE) {
                    return false;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it is going anyway
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(process);
        }
    }
}
