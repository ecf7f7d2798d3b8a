// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.halyard.hostile.Attacks.Attack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * halyard.virtualThreads on a Java that has them: the target runs on a JDK of 21 or later, found
 * with the system property {@code halyard.test.java21} (a JDK's home) or under /usr/lib/jvm, and
 * the test is skipped, saying so, where there is none (the build itself needs only Java 17). With
 * 300 peers blocked mid-echo, the echo runs on virtual threads and the pool stays empty.
 */
class VirtualThreadsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void peersThatStopReadingMidEchoOnVirtualThreads(String kind) throws IOException {
        Optional<Path> java = javaWithVirtualThreads();
        assumeTrue(java.isPresent(), "no JDK of 21 or later here (set halyard.test.java21 to one's home)");
        Outcome outcome = Attacks.run(kind, Attack.STOP_READING_MID_ECHO, Map.of("halyard.virtualThreads", "true"), java.get());
        System.out.println("[hostile] virtual threads, " + Attack.STOP_READING_MID_ECHO.description + " -> " + outcome);
        assertThat(outcome.violations()).as("%s on %s: %s", "virtual threads", kind, outcome).isEmpty();
        assertThat(outcome.after().raw().get("echoThread")).as("the thread of the last echo").startsWith("VirtualThread");
        assertThat(Outcome.Snapshot.number(outcome.during().raw(), "poolThreads")).as("pool threads during the attack").isZero();
    }

    /** The launcher of a JDK whose release file says 21 or later, the newest first. */
    static Optional<Path> javaWithVirtualThreads() throws IOException {
        String configured = System.getProperty("halyard.test.java21");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured, "bin", "java")).filter(Files::isExecutable);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> featureVersion(home) >= 21)
                    .max(Comparator.comparingInt(VirtualThreadsTest::featureVersion))
                    .map(home -> home.resolve("bin").resolve("java"))
                    .filter(Files::isExecutable);
        }
    }

    /** JAVA_VERSION="25.0.1" in {@code home}/release gives 25; 0 when unreadable. */
    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK
        }
        return 0;
    }
}
