// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.frame;

import dev.halyard.websocket.frame.FrameListener;
import dev.halyard.websocket.frame.FrameParser;
import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.ProtocolException;
import dev.halyard.websocket.frame.Role;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A server parsing masked binary frames from a client, per frame: header checks, unmasking and
 * handing the payload on. One invocation parses a buffer of {@link #FRAMES} frames.
 *
 * <p>The parser unmasks in place, so each pass leaves the payloads unmasked and the next pass
 * masks them again: the bytes alternate, the work does not (binary payloads are not inspected).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {

    static final int FRAMES = 64;

    @Param({"64", "1024", "65536"})
    int payloadSize;

    ByteBuffer wire;
    FrameParser parser;
    Blackhole blackhole;

    @Setup
    public void setup(Blackhole blackhole) {
        this.blackhole = blackhole;
        wire = frames(payloadSize, FRAMES);
        parser = new FrameParser(Role.SERVER, new FrameListener() {
            @Override
            public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
                ParserBenchmark.this.blackhole.consume(payload.get(payload.limit() - 1));
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
                ParserBenchmark.this.blackhole.consume(payload);
            }
        });
    }

    /** {@code count} masked binary frames of {@code size} bytes, as a client sends them. */
    static ByteBuffer frames(int size, int count) {
        FrameWriter client = new FrameWriter(Role.CLIENT);
        ByteBuffer wire = ByteBuffer.allocate(count * (client.headerLength(size) + size));
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) i;
        }
        for (int i = 0; i < count; i++) {
            client.writeFrame(wire, true, 0, OpCode.BINARY, ByteBuffer.wrap(payload));
        }
        return wire.flip();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void parse() throws ProtocolException {
        wire.rewind();
        parser.parse(wire);
    }
}
