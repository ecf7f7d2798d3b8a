// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Round-trip latency at a fixed rate on one target: messages go out on a schedule, round robin
 * over C connections to /echo, however late earlier echoes are; each round trip is timed from the
 * moment its message was due, not when it was written, so a stalled server cannot hide its stall
 * by slowing the sender (coordinated omission). Times go into an HdrHistogram in microseconds.
 *
 * <p>The connections stay open across the short measured slices {@link Interleaving} gives each
 * target in turn; between slices they carry nothing. The recorded slices pool into one histogram.
 */
final class LatencyLoad implements Interleaving.Load {

    /**
     * @param warmup how long paced traffic runs before the first slice, unrecorded
     * @param slice how long each measured slice paces messages
     * @param unrecorded how many slices each target gets after the warm-up that are not recorded
     * @param slices how many slices each target gets then; their round trips pool into one histogram
     */
    record Settings(int connections, int size, int ratePerSecond, Duration warmup, Duration slice, int unrecorded, int slices) {
    }

    /** How long a slice's last echoes may take before the next slice starts without them (they then count missing). */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    /** The due times of one connection's messages in flight, oldest first; grows as needed. */
    private final class DueTimes implements Connection.Listener {
        private long[] times = new long[64];
        private int head;
        private int size;

        void add(long due) {
            if (size == times.length) {
                long[] larger = new long[times.length * 2];
                for (int i = 0; i < size; i++) {
                    larger[i] = times[(head + i) % times.length];
                }
                times = larger;
                head = 0;
            }
            times[(head + size++) % times.length] = due;
        }

        @Override
        public void received(Connection connection, boolean intact) {
            long now = System.nanoTime();
            if (size == 0) {
                return; // a message never sent: the connection counts it corrupt
            }
            long due = times[head];
            head = (head + 1) % times.length;
            size--;
            if (recording != null) {
                recording.recordValue(Math.max(0, (now - due) / 1000));
            }
        }
    }

    /** A target's percentiles over all its slices pooled, and each slice's p99 to show the spread. */
    record Result(double p50Micros, double p99Micros, double p999Micros, long samples, Check check, List<Double> sliceP99s) {
    }

    private final Settings settings;
    private final ServerProbe server;
    private final EventLoop loop;
    private final Pool pool = new Pool();
    private final List<Connection> connections = new ArrayList<>();
    private final List<DueTimes> dueTimes = new ArrayList<>();
    /** Where round trips go: the current slice's histogram, or null while warming up. */
    private Histogram recording;

    private LatencyLoad(EventLoop loop, Settings settings, ServerProbe server) {
        this.loop = loop;
        this.settings = settings;
        this.server = server;
        MessagePattern pattern = new MessagePattern(settings.size());
        for (int i = 0; i < settings.connections(); i++) {
            DueTimes due = new DueTimes();
            dueTimes.add(due);
            connections.add(new Connection(due, 64 * 1024).sends(pattern, 0x1, i).expects(pattern, 0x1, i));
        }
    }

    /**
     * Opens the connections to {@code address}'s /echo; those that fail count in the final check.
     *
     * @param server collects the server's heap after the warm-up
     */
    static LatencyLoad open(InetSocketAddress address, Settings settings, ServerProbe server) {
        return Interleaving.opened(address, loop -> {
            LatencyLoad load = new LatencyLoad(loop, settings, server);
            loop.open(load.connections, "/echo", EchoLoad.deadline(Duration.ofSeconds(30)));
            return load;
        });
    }

    /** Paced traffic for the warm-up time, recorded nowhere; then a full collection on the server. */
    @Override
    public void warmUp() {
        pace(settings.warmup(), null);
        server.heapAfterGc();
    }

    /** Paced traffic for the slice time, then until every echo is back; the round trips, in µs, pool when recorded. */
    @Override
    public void slice(boolean recorded) {
        Histogram histogram = new Histogram(3);
        pace(settings.slice(), histogram);
        if (recorded) {
            pool.add(histogram);
        }
    }

    private void pace(Duration length, Histogram into) {
        recording = into;
        long start = System.nanoTime();
        long stop = start + length.toNanos();
        double interval = 1e9 / settings.ratePerSecond();
        long[] issued = {0};
        EventLoop.Pacer schedule = now -> {
            long due = start + (long) (issued[0] * interval);
            while (due <= now && due < stop) {
                int i = (int) (issued[0] % connections.size());
                dueTimes.get(i).add(due);
                connections.get(i).send(1);
                issued[0]++;
                due = start + (long) (issued[0] * interval);
            }
            return due < stop ? due : Long.MAX_VALUE;
        };
        loop.run(stop, () -> false, schedule);
        // Every echo of this slice is timed, the late ones too; and the next slice, on whichever
        // target, starts only when this one's are all back, so no slice carries another's load
        loop.run(EchoLoad.deadline(DRAIN), () -> EchoLoad.allAnswered(connections), null);
    }

    /** Closes the connections with the closing handshake; the recorded slices' percentiles, and what all the traffic proved. */
    Result finish() {
        loop.closeAll(connections);
        return pool.result(Check.of(connections, Check.sentBy(connections)));
    }

    @Override
    public void close() {
        loop.close();
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
