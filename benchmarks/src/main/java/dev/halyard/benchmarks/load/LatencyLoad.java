// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Round-trip latency at a fixed total rate: messages go out on a schedule, round robin over C
 * connections to /echo, however late earlier echoes are; each round trip is timed from the
 * moment its message was due, not when it was written, so a stalled server cannot hide its
 * stall by slowing the sender (coordinated omission). Times go into an HdrHistogram in
 * microseconds.
 */
final class LatencyLoad {

    /** @param rounds how many times to measure; each percentile reported is the median of the rounds' */
    record Settings(int connections, int size, int ratePerSecond, Duration warmup, Duration measure, int rounds) {
    }

    /** The medians over the rounds, and each round's p99 to show the spread. */
    record Result(double p50Micros, double p99Micros, double p999Micros, long samples, Check check, List<Double> roundP99s) {
    }

    private LatencyLoad() {
    }

    /** The due times of one connection's messages in flight, oldest first; grows as needed. */
    private static final class DueTimes implements Connection.Listener {
        private long[] times = new long[64];
        private int head;
        private int size;
        private final Histogram histogram;
        private final long[] recordFrom;

        DueTimes(Histogram histogram, long[] recordFrom) {
            this.histogram = histogram;
            this.recordFrom = recordFrom;
        }

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
            if (due >= recordFrom[0]) {
                histogram.recordValue(Math.max(0, (now - due) / 1000));
            }
        }
    }

    /**
     * Measures {@code settings.rounds()} times on fresh connections. A tail percentile over ten
     * seconds on a shared 2-core machine moves with whatever else ran in those seconds (a
     * collection in the load generator, a compilation); the median of the rounds moves less.
     */
    static Result run(InetSocketAddress server, Settings settings) {
        List<Result> rounds = new ArrayList<>();
        Check check = Check.none();
        long samples = 0;
        for (int round = 0; round < Math.max(1, settings.rounds()); round++) {
            Result one = runOnce(server, settings);
            rounds.add(one);
            check = check.plus(one.check());
            samples += one.samples();
        }
        return new Result(median(rounds, Result::p50Micros), median(rounds, Result::p99Micros),
                median(rounds, Result::p999Micros), samples, check, rounds.stream().map(Result::p99Micros).toList());
    }

    private static double median(List<Result> rounds, java.util.function.ToDoubleFunction<Result> percentile) {
        return Comparison.median(rounds.stream().mapToDouble(percentile).toArray());
    }

    private static Result runOnce(InetSocketAddress server, Settings settings) {
        MessagePattern pattern = new MessagePattern(settings.size());
        Histogram histogram = new Histogram(3);
        long[] recordFrom = {Long.MAX_VALUE};
        List<Connection> connections = new ArrayList<>();
        List<DueTimes> dueTimes = new ArrayList<>();
        for (int i = 0; i < settings.connections(); i++) {
            DueTimes due = new DueTimes(histogram, recordFrom);
            dueTimes.add(due);
            connections.add(new Connection(due, 64 * 1024).sends(pattern, 0x1, i).expects(pattern, 0x1, i));
        }
        try (EventLoop loop = new EventLoop(server)) {
            loop.open(connections, "/echo", EchoLoad.deadline(Duration.ofSeconds(30)));
            long start = System.nanoTime();
            long stop = start + settings.warmup().plus(settings.measure()).toNanos();
            recordFrom[0] = start + settings.warmup().toNanos();
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
            loop.run(EchoLoad.deadline(Duration.ofSeconds(10)), () -> EchoLoad.allAnswered(connections), null);
            loop.closeAll(connections);
            Check check = Check.of(connections, Check.sentBy(connections));
            return new Result(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                    histogram.getValueAtPercentile(99.9), histogram.getTotalCount(), check, List.of());
        }
    }
}
