// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The servlet read path's {@link Inbox}: a container dispatch reads what arrived into it, and the
 * read loop drains it into its read buffer. The stream is played by the benchmark, so only the inbox's
 * own work is measured; run with {@code -prof gc} for the bytes it allocates per arrival.
 *
 * <p>In this package because the inbox is package-private; servlet-integration is not in
 * benchmarks.jar (see the POM), so put it and the Servlet API on the class path:
 * {@code java -cp benchmarks/target/benchmarks.jar:servlet-integration/target/classes:<jakarta.servlet-api.jar>
 * org.openjdk.jmh.Main InboxBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InboxBenchmark {

    /** Bytes that arrive per dispatch. */
    @Param({"1024", "16384", "65536"})
    int size;

    private final ArrivingBytes peer = new ArrivingBytes();
    private Inbox inbox;
    private final ByteBuffer readLoopBuffer = ByteBuffer.allocate(16 * 1024);

    /** A stream with as many bytes ready as have arrived; their values do not matter here. */
    private static final class ArrivingBytes extends ServletInputStream {
        int arrived;

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return arrived > 0;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, arrived);
            arrived -= n;
            return n;
        }

        @Override
        public int read() {
            return arrived-- > 0 ? 0 : -1;
        }
    }

    @Setup
    public void setup() {
        inbox = new Inbox(peer, ContainerQuirks.NONE, () -> false);
    }

    /** One arrival, read by a dispatch and drained by the read loop. */
    @Benchmark
    public int arriveAndDrain() throws IOException {
        peer.arrived = size;
        inbox.onDataAvailable();
        int total = 0;
        int n;
        while ((n = inbox.read(readLoopBuffer.clear())) > 0) {
            total += n;
        }
        return total;
    }
}
