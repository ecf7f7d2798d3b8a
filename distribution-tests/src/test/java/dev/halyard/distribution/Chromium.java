// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Debian's headless Chromium, driven over its DevTools port. Flags: no sandbox (the tests run as
 * root), and no background networking, component updates or sync, since nothing but loopback is
 * reachable here. Each {@link #newPage} is in a browser context of its own, like a separate user.
 */
final class Chromium implements AutoCloseable {

    /** Debian's; {@code -Dhalyard.chromium=PATH} names another (a missing one shows the skip). */
    static final Path EXECUTABLE = Path.of(System.getProperty("halyard.chromium", "/usr/bin/chromium"));

    private final Process process;
    private final Path profile;
    private final DevToolsConnection devTools;

    private Chromium(Process process, Path profile, DevToolsConnection devTools) {
        this.process = process;
        this.profile = profile;
        this.devTools = devTools;
    }

    static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** Starts Chromium with a fresh profile under {@code workDir}, its output in a log there. */
    static Chromium start(Path workDir) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        Process process = new ProcessBuilder(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "about:blank"))
                .redirectErrorStream(true).redirectOutput(workDir.resolve(profile.getFileName() + ".log").toFile()).start();
        try {
            return new Chromium(process, profile, DevToolsConnection.open(browserEndpoint(process, profile)));
        } catch (IOException | TimeoutException | ExecutionException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** With port 0, Chromium writes the port it chose and the browser's path into DevToolsActivePort. */
    private static URI browserEndpoint(Process process, Path profile) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        try {
            return await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .pollInSameThread().until(() -> written(process, portFile), java.util.Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new IOException("Chromium wrote no " + portFile + " within 30 s", e);
        }
    }

    /** The browser's DevTools address once both lines of {@code portFile} are there, else null; fails if Chromium died. */
    private static URI written(Process process, Path portFile) throws IOException {
        if (!process.isAlive()) {
            throw new IOException("Chromium exited with " + process.exitValue() + " before opening its DevTools port");
        }
        if (Files.exists(portFile)) {
            List<String> lines = Files.readAllLines(portFile);
            if (lines.size() >= 2) {
                return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
            }
        }
        return null;
    }

    /** A new tab in a new browser context, so it shares no cookies or storage with other pages. */
    ChromiumPage newPage() throws IOException, InterruptedException {
        String context = devTools.call(null, "Target.createBrowserContext", Map.of()).get("browserContextId").asText();
        String target = devTools.call(null, "Target.createTarget", Map.of("url", "about:blank", "browserContextId", context))
                .get("targetId").asText();
        String session = devTools.call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        return new ChromiumPage(devTools, session);
    }

    /** Asks Chromium to quit, and kills it if it has not within 15 s. */
    @Override
    public void close() throws IOException {
        try {
            devTools.call(null, "Browser.close", Map.of());
        } catch (IOException e) {
            // the connection may drop before the answer: the process wait below decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        devTools.close();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
