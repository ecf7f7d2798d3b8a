// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.time.Duration;
import java.util.List;

/**
 * What a comparison measures on each target, and for how long. The standard plan gives the
 * figures (about 2 minutes a target and round); the quick plan only proves correctness, in seconds.
 *
 * @param cycles how many slices each target gets of each echo and broadcast figure ({@link Interleaving})
 */
record Plan(String name, List<EchoLoad.Settings> echo, LatencyLoad.Settings latency, IdleLoad.Settings idle,
            BroadcastLoad.Settings broadcast, int cycles) {

    private static final int KIB = 1024;

    static Plan standard() {
        Duration warmup = Duration.ofSeconds(3);
        Duration slice = Duration.ofSeconds(2); // 4 cycles: 8 s counted a figure, and a whole balanced order for 1, 2 or 4 targets
        return new Plan("standard",
                List.of(new EchoLoad.Settings(16, 16, 64, false, false, warmup, slice),
                        new EchoLoad.Settings(16, 16, KIB, false, false, warmup, slice),
                        new EchoLoad.Settings(16, 16, 16 * KIB, false, false, warmup, slice),
                        new EchoLoad.Settings(16, 16, KIB * KIB, false, false, warmup, slice),
                        new EchoLoad.Settings(16, 16, KIB, false, true, warmup, slice)),
                // 4 cycles unrecorded: in s15's runs the first 3-4 cycles after the warm-ups had slice p99s
                // of 10-25 ms on every target, the later ones 3-6 ms, as the four JVMs finished compiling.
                // 12 cycles recorded: a whole number of balanced orders for 1 to 4 targets (Interleaving.order)
                new LatencyLoad.Settings(16, 64, 5_000, warmup, Duration.ofMillis(2_500), 4, 12),
                new IdleLoad.Settings(10_000, Duration.ofSeconds(1)),
                new BroadcastLoad.Settings(1_000, 4, 64, warmup, slice), 4);
    }

    /** Every kind of traffic, text and binary, small and large, compressed, just long enough to check every byte. */
    static Plan quick() {
        Duration warmup = Duration.ofMillis(200);
        Duration slice = Duration.ofMillis(250);
        return new Plan("quick",
                List.of(new EchoLoad.Settings(4, 4, 64, false, false, warmup, slice),
                        new EchoLoad.Settings(4, 4, 16 * KIB, true, false, warmup, slice),
                        new EchoLoad.Settings(2, 2, KIB * KIB, false, false, warmup, slice),
                        new EchoLoad.Settings(4, 4, KIB, false, true, warmup, slice)),
                new LatencyLoad.Settings(4, 64, 500, warmup, Duration.ofMillis(125), 1, 4),
                new IdleLoad.Settings(200, Duration.ofMillis(200)),
                new BroadcastLoad.Settings(50, 4, 64, warmup, slice), 2);
    }

    /** The plan with fewer idle connections, when the file-descriptor limit does not allow more. */
    Plan withIdleConnections(int connections) {
        return idle == null ? this : new Plan(name, echo, latency, new IdleLoad.Settings(connections, idle.settle()), broadcast, cycles);
    }

    /** The plan with only the figures of {@code kinds} (echo, latency, broadcast, idle); the others are null or empty. */
    Plan only(java.util.Set<String> kinds) {
        return new Plan(name, kinds.contains("echo") ? echo : List.of(), kinds.contains("latency") ? latency : null,
                kinds.contains("idle") ? idle : null, kinds.contains("broadcast") ? broadcast : null, cycles);
    }
}
