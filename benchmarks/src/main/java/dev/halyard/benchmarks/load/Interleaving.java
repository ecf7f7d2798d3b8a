// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One load on each of several targets, all servers running at once, measured in short slices
 * taken in turn: only the target in its slice has traffic, the others' connections stay open and
 * silent. Each load keeps what its own slices measured.
 *
 * <p>Why: this is a shared 2-core virtual machine, and its speed drifts by 10-30% over minutes
 * (steal time, other guests, the kernel's own work). Measured one target after another, each for
 * its whole window, whichever target drew a slow minute lost, and one target's figure moved more
 * from round to round than the targets differed. In slices of a few seconds taken in turn, a slow
 * minute lands on every target's slices alike.
 */
final class Interleaving {

    /** A load on one target that can be measured a slice at a time. */
    interface Load extends AutoCloseable {

        /** Traffic, unmeasured, before the first slice; then every reply is awaited. */
        void warmUp();

        /** One slice: traffic for the slice's time, then until every reply is back; measured unless {@code recorded} is false. */
        void slice(boolean recorded);

        @Override
        void close();
    }

    private Interleaving() {
    }

    /**
     * A load made on a new event loop to {@code address}: {@code open} makes it and opens its
     * connections; if that throws, the loop and whatever it opened are closed.
     */
    static <L extends Load> L opened(InetSocketAddress address, Function<EventLoop, L> open) {
        EventLoop loop = new EventLoop(address);
        try {
            return open.apply(loop);
        } catch (RuntimeException e) {
            loop.close();
            throw e;
        }
    }

    /**
     * Warms each load up in turn, then runs {@code unrecorded} cycles of slices that are not
     * recorded, then {@code cycles} recorded ones, each cycle in the order {@link #order} gives.
     * A load that throws is closed and reported to {@code failed}, and left out from then on.
     * Returns the loads that never failed, in the given order; they are still open.
     *
     * <p>A load's connections are silent while the others warm up and take their slices: with
     * four targets, 3 s warm-ups and slices of 2-3 s, about 15 s at most. Jetty closes a WebSocket
     * idle for 30 s by default, so longer warm-ups or slices would need that raised.
     */
    static <L extends Load> Map<Target, L> run(Map<Target, L> loads, int unrecorded, int cycles,
            BiConsumer<Target, RuntimeException> failed) {
        Map<Target, L> running = new LinkedHashMap<>(loads);
        for (Target target : List.copyOf(running.keySet())) {
            attempt(target, running, failed, load -> load.warmUp());
        }
        List<Target> measured = List.copyOf(running.keySet());
        List<int[]> order = order(measured.size(), unrecorded + cycles);
        for (int cycle = 0; cycle < order.size(); cycle++) {
            boolean recorded = cycle >= unrecorded;
            for (int index : order.get(cycle)) {
                attempt(measured.get(index), running, failed, load -> load.slice(recorded));
            }
        }
        return running;
    }

    private static <L extends Load> void attempt(Target target, Map<Target, L> running, BiConsumer<Target, RuntimeException> failed,
            Consumer<L> step) {
        L load = running.get(target);
        if (load == null) {
            return; // failed before
        }
        try {
            step.accept(load);
        } catch (RuntimeException e) {
            running.remove(target);
            load.close();
            failed.accept(target, e);
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
}
