// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.HdrHistogram.Histogram;

/**
 * The latency of several targets, measured in short slices taken in turn, with all their servers
 * running at once: each target's slices pool into its own histogram.
 *
 * <p>Why interleaved: on a shared 2-core machine the tail is set by stalls of the whole machine
 * (steal time, other processes) that last seconds and hit every connection at once. Measured one
 * after another, each target in its own three 10 s rounds, the same target twice in a row gave a p99 anywhere
 * from 2.6 ms to 14 ms and a p99.9 from 6 ms to 22 ms, so whichever target drew a noisy few seconds
 * lost, and comparing tails was a coin toss. In 2.5 s slices taken in turn, a stall of a few seconds
 * lands on one or two slices of whichever targets were in them, and over many cycles every target
 * is exposed to the machine's noise alike.
 *
 * <p>Each target is warmed up in turn, then one cycle of slices goes unrecorded, then the measured
 * cycles. Only the target in its slice has load; the others' connections stay open and silent. A
 * slice starts only when every echo of the previous one is back. The order changes every cycle
 * (see {@link #order}), so that no target always follows the same one or holds the same place.
 */
final class InterleavedLatency {

    /** A target's percentiles over all its slices pooled, and each slice's p99 to show the spread. */
    record Result(double p50Micros, double p99Micros, double p999Micros, long samples, Check check, List<Double> sliceP99s) {
    }

    private InterleavedLatency() {
    }

    /**
     * Starts every target's server, warms each up (a full collection after), runs one cycle
     * unrecorded, then measures {@code settings.slices()} cycles. A target whose server fails to start, or whose load fails,
     * is reported to {@code stopped} and left out from then on; the results are of the others.
     *
     * @param build the benchmarks module's build directory, for {@link TargetProcess#start}
     */
    static Map<Target, Result> run(LatencyLoad.Settings settings, List<Target> targets, Path build, PrintStream log,
            BiConsumer<Target, String> stopped) {
        Map<Target, TargetProcess> servers = new LinkedHashMap<>();
        Map<Target, LatencyLoad> loads = new LinkedHashMap<>();
        try {
            for (Target target : targets) {
                try {
                    servers.put(target, TargetProcess.start(target, build));
                } catch (RuntimeException e) {
                    stop(target, e, servers, loads, stopped, log);
                }
            }
            // One warm-up after another. The longest silence a target's connections then see, about
            // 20 s, stays below the 30 s after which Jetty closes an idle WebSocket by default
            for (Target target : List.copyOf(servers.keySet())) {
                try {
                    LatencyLoad load = LatencyLoad.open(servers.get(target).address(), settings);
                    loads.put(target, load);
                    load.warmUp();
                } catch (RuntimeException e) {
                    stop(target, e, servers, loads, stopped, log);
                }
            }
            for (Target target : List.copyOf(loads.keySet())) {
                try {
                    servers.get(target).heapAfterGc();
                } catch (RuntimeException e) {
                    stop(target, e, servers, loads, stopped, log);
                }
            }
            return measure(settings.slices(), List.copyOf(loads.keySet()), servers, loads, stopped, log);
        } finally {
            loads.values().forEach(LatencyLoad::close);
            servers.values().forEach(TargetProcess::close);
        }
    }

    private static Map<Target, Result> measure(int cycles, List<Target> measured, Map<Target, TargetProcess> servers,
            Map<Target, LatencyLoad> loads, BiConsumer<Target, String> stopped, PrintStream log) {
        Map<Target, Pool> pools = new LinkedHashMap<>();
        measured.forEach(target -> pools.put(target, new Pool()));
        // The first cycle is not recorded. In trials its slices were the slowest of all (p99 3-4 ms,
        // and 20-90 ms for whichever target came first, against about 1.5 ms later), as the servers
        // just warmed up finished compiling; unrecorded, it costs every target alike. Any 12
        // consecutive rows of the order are still whole squares.
        List<int[]> order = order(measured.size(), 1 + cycles);
        for (int cycle = 0; cycle < order.size(); cycle++) {
            for (int index : order.get(cycle)) {
                Target target = measured.get(index);
                LatencyLoad load = loads.get(target);
                if (load == null) {
                    continue; // stopped in an earlier cycle
                }
                try {
                    Histogram slice = load.slice();
                    if (cycle > 0) {
                        pools.get(target).add(slice);
                    }
                } catch (RuntimeException e) {
                    stop(target, e, servers, loads, stopped, log);
                }
            }
        }
        Map<Target, Result> results = new LinkedHashMap<>();
        for (Target target : List.copyOf(loads.keySet())) {
            try {
                results.put(target, pools.get(target).result(loads.get(target).finish()));
            } catch (RuntimeException e) {
                stop(target, e, servers, loads, stopped, log);
            }
        }
        return results;
    }

    private static void stop(Target target, RuntimeException e, Map<Target, TargetProcess> servers,
            Map<Target, LatencyLoad> loads, BiConsumer<Target, String> stopped, PrintStream log) {
        log.println("   " + target.label() + " stopped: " + e);
        stopped.accept(target, e.toString());
        LatencyLoad load = loads.remove(target);
        if (load != null) {
            load.close();
        }
        TargetProcess server = servers.remove(target);
        if (server != null) {
            server.close();
        }
    }

    /**
     * The order of {@code targets} (as indexes) in each of {@code cycles} cycles: the rows of a
     * balanced Latin square (Williams, 1949) in turn. Its first row is 0, 1, n-1, 2, n-2, ..., each
     * next row adds 1 to every index (mod n), and when n is odd the mirrored rows follow; so over
     * every n cycles (2n when n is odd) each target takes each place equally often and, within a
     * cycle, directly follows each other target equally often. Rotating one order (ABCD, BCDA, ...)
     * would balance places only: B would always follow A.
     */
    static List<int[]> order(int targets, int cycles) {
        int[] first = new int[targets];
        for (int place = 1; place < targets; place++) {
            first[place] = place % 2 == 1 ? (place + 1) / 2 : targets - place / 2;
        }
        List<int[]> square = new ArrayList<>();
        for (int shift = 0; shift < targets; shift++) {
            int[] row = new int[targets];
            for (int place = 0; place < targets; place++) {
                row[place] = (first[place] + shift) % targets;
            }
            square.add(row);
        }
        if (targets % 2 == 1) {
            for (int shift = 0; shift < targets; shift++) {
                int[] row = new int[targets];
                for (int place = 0; place < targets; place++) {
                    row[place] = square.get(shift)[targets - 1 - place];
                }
                square.add(row);
            }
        }
        List<int[]> order = new ArrayList<>();
        for (int cycle = 0; cycle < cycles; cycle++) {
            order.add(square.isEmpty() ? new int[0] : square.get(cycle % square.size()).clone());
        }
        return order;
    }

    /** One target's slices: their round trips pooled, and each slice's p99. */
    static final class Pool {
        private final Histogram pooled = new Histogram(3);
        private final List<Double> sliceP99s = new ArrayList<>();

        void add(Histogram slice) {
            pooled.add(slice);
            sliceP99s.add((double) slice.getValueAtPercentile(99));
        }

        Result result(Check check) {
            return new Result(pooled.getValueAtPercentile(50), pooled.getValueAtPercentile(99), pooled.getValueAtPercentile(99.9),
                    pooled.getTotalCount(), check, List.copyOf(sliceP99s));
        }
    }
}
