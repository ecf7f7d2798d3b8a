// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.hostile.Attacks.Attack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile peers against Halyard on Tomcat 11 and on Jetty 12.1, each attack on a fresh target JVM
 * with -Xmx256m, over loopback. After each attack, with its sockets closed, the target must:
 * echo for a fresh client within 5 s; keep its heap after GC below {@link Outcome.Bounds#HEAP_BYTES}
 * (heapUsedAfterGc after the attack; during it, near its end with its sockets open, heapLiveAfterGc,
 * what the last full collection left) without an OutOfMemoryError; keep its threads below
 * {@link Outcome.Bounds#THREADS} (during the attack too); bring its open descriptors back within
 * {@link Outcome.Bounds#FD_MARGIN} of their count before the attack and its open sessions to 0
 * within 15 s (20 s for vanished peers). Each attack adds its own checks; see {@link Attacks}.
 * Functional assertions with generous bounds, never timings of speed.
 */
class HostilePeersTest {

    private static void attack(String kind, Attack attack) {
        Outcome outcome = Attacks.run(kind, attack);
        System.out.println("[hostile] " + attack.description + " -> " + outcome);
        assertThat(outcome.violations()).as("%s on %s: %s", attack.description, kind, outcome).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void pingFlood(String kind) {
        attack(kind, Attack.PING_FLOOD);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void thirtyNonReadingSubscribers(String kind) {
        attack(kind, Attack.NON_READING_30);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void threeHundredNonReadingSubscribers(String kind) {
        attack(kind, Attack.NON_READING_300);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void peersThatStopReadingMidEcho(String kind) {
        attack(kind, Attack.STOP_READING_MID_ECHO);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void stuckPeersLeaveTheServerIdle(String kind) {
        attack(kind, Attack.STUCK_PEERS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void thousandSilentConnections(String kind) {
        attack(kind, Attack.SILENT_1000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void peersThatVanishWithoutFin(String kind) {
        attack(kind, Attack.VANISHED_PEERS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void fragmentFlood(String kind) {
        attack(kind, Attack.FRAGMENT_FLOOD);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat-halyard", "jetty-halyard"})
    void deflateBomb(String kind) {
        attack(kind, Attack.DEFLATE_BOMB);
    }
}
