// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one attack on one target came to: the target's health before, during (near the end of the
 * attack, its sockets still open) and after it, whether it settled, and the attack's own findings.
 * {@link #violations()} applies the bounds of {@link Bounds}: the JUnit test asserts it is empty, the
 * comparison prints it.
 */
record Outcome(String kind, String attack, String error, Snapshot before, Snapshot during, String duringError,
        boolean echoOk, Snapshot after, boolean fdsBack, boolean sessionsBack, long settleMillis, boolean alive,
        boolean logOom, List<String> attackFailures, String detail) {

    /** The bounds every attack is held to. */
    static final class Bounds {

        /** Used heap after two full collections once the attack is over, out of the target's 256 MiB. */
        static final long HEAP_BYTES = 96L << 20;

        /**
         * Live heap during an attack: the container's send budget (a quarter of the heap, 64 MiB of
         * payload) plus the frames' own overhead and the connections' inboxes; 300 non-reading
         * subscribers measured 84-92 MiB.
         */
        static final long HEAP_DURING_BYTES = 144L << 20;

        /**
         * Live threads in the target: the container's own pool (200 at most on Tomcat and on Jetty),
         * Halyard's pool of {@link Attacks#MAX_THREADS}, and some 40 others (selectors, acceptors,
         * timers, the JVM's). Before the pool had a maximum, 300 peers blocked mid-echo took 396-433.
         */
        static final long THREADS = 200 + Attacks.MAX_THREADS + 40;

        /** Open descriptors allowed above the count before the attack, once its sockets are closed. */
        static final long FD_MARGIN = 20;

        private Bounds() {
        }
    }

    /** One reading of /health. */
    record Snapshot(long heapUsedAfterGc, long heapLiveAfterGc, long threads, long fds, long openSessions, boolean oom,
            Map<String, String> raw) {

        static Snapshot of(Map<String, String> health) {
            return new Snapshot(number(health, "heapUsedAfterGc"), number(health, "heapLiveAfterGc"), number(health, "threads"),
                    number(health, "fds"), number(health, "openSessions"), Boolean.parseBoolean(health.get("oom")), Map.copyOf(health));
        }

        static long number(Map<String, String> health, String key) {
            try {
                return Long.parseLong(health.getOrDefault(key, "-1"));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        long heapMiB() {
            return heapUsedAfterGc >> 20;
        }

        /**
         * The heap the server holds during an attack: what its last full collection left, since
         * 100 ms of a busy server's allocation would count in heapUsedAfterGc.
         */
        long liveHeapBytes() {
            return heapLiveAfterGc > 0 ? heapLiveAfterGc : heapUsedAfterGc;
        }
    }

    /** Every bound this outcome breaks, each with its numbers; empty when the target stayed healthy. */
    List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (error != null) {
            violations.add("the attack could not run: " + error);
        }
        if (!alive) {
            violations.add("the target process died");
        }
        if (during == null && error == null) {
            violations.add("/health did not answer during the attack: " + duringError);
        }
        if (during != null) {
            bounds(violations, during, during.liveHeapBytes(), "during the attack");
        }
        if (error == null && !echoOk) {
            violations.add("a fresh client's echo did not come back within 5 s after the attack");
        }
        if (after == null) {
            if (error == null) {
                violations.add("/health did not answer after the attack");
            }
        } else {
            bounds(violations, after, after.heapUsedAfterGc(), "after the attack");
            if (!fdsBack) {
                violations.add("fds " + after.fds() + " after " + settleMillis / 1000 + " s, not back within " + Bounds.FD_MARGIN
                        + " of the " + (before == null ? "?" : before.fds()) + " before the attack");
            }
            if (!sessionsBack) {
                violations.add("openSessions " + after.openSessions() + " after " + settleMillis / 1000 + " s, not back to 0");
            }
        }
        if (logOom) {
            violations.add("the target's log has an OutOfMemoryError");
        }
        violations.addAll(attackFailures);
        return violations;
    }

    private static void bounds(List<String> violations, Snapshot snapshot, long heap, String when) {
        long heapBound = when.startsWith("during") ? Bounds.HEAP_DURING_BYTES : Bounds.HEAP_BYTES;
        if (heap >= heapBound) {
            violations.add((heap == snapshot.heapUsedAfterGc() ? "heapUsedAfterGc " : "heapLiveAfterGc ") + (heap >> 20) + " MiB "
                    + when + " (heapUsedAfterGc " + snapshot.heapMiB() + " MiB), bound " + (heapBound >> 20) + " MiB");
        }
        if (snapshot.threads() >= Bounds.THREADS) {
            violations.add("threads " + snapshot.threads() + " " + when + ", bound " + Bounds.THREADS);
        }
        long poolThreads = Snapshot.number(snapshot.raw(), "poolThreads");
        if (poolThreads > Attacks.MAX_THREADS) {
            violations.add("Halyard's pool has " + poolThreads + " threads " + when + ", more than its maximum of " + Attacks.MAX_THREADS);
        }
        if (snapshot.oom()) {
            violations.add("oom flag set " + when);
        }
    }

    /** A short cell for the comparison table. */
    String cell() {
        List<String> violations = violations();
        StringBuilder cell = new StringBuilder();
        if (error != null) {
            return "ERROR: " + error.replace('|', '/');
        }
        if (logOom || (after != null && after.oom()) || (during != null && during.oom())) {
            cell.append("**OOM**; ");
        }
        if (!alive) {
            cell.append("**died**; ");
        }
        cell.append(violations.isEmpty() ? "healthy; " : "**unhealthy**; ");
        cell.append(echoOk ? "echo ok" : "**echo failed**");
        if (during != null) {
            cell.append("; during: heap ").append(during.liveHeapBytes() >> 20).append(" MiB, ").append(during.threads()).append(" thr (pool ")
                    .append(Snapshot.number(during.raw(), "poolThreads")).append(")");
        } else {
            cell.append("; during: **no /health**");
        }
        if (after != null) {
            cell.append("; after: heap ").append(after.heapMiB()).append(" MiB, ").append(after.threads()).append(" thr, ")
                    .append(fdsBack ? "fds back" : "**fds +" + (after.fds() - (before == null ? 0 : before.fds())) + "**")
                    .append(sessionsBack ? "" : ", **" + after.openSessions() + " sessions open**");
        } else {
            cell.append("; after: **no /health**");
        }
        if (detail != null && !detail.isEmpty()) {
            cell.append("; ").append(detail);
        }
        for (String failure : attackFailures) {
            cell.append("; **").append(failure).append("**");
        }
        return cell.toString().replace('|', '/');
    }

    @Override
    public String toString() {
        return kind + " / " + attack + ": " + cell();
    }
}
