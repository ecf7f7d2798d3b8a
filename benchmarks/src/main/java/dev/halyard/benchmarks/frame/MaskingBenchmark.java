// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.frame;

import dev.halyard.websocket.frame.Masking;
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
 * Unmasking a payload in place, 8 bytes per step ({@link Masking#unmask}), against the plain
 * byte-at-a-time loop of RFC 6455 §5.3 and against a plain copy of the same bytes, the
 * memory-bandwidth bound: unmasking reads and writes each byte once, as a copy does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MaskingBenchmark {

    static final int KEY = 0x37FA213D;

    @Param({"64", "1024", "65536"})
    int size;

    byte[] payload;
    byte[] copyTarget;
    ByteBuffer buffer;
    final byte[] keyBytes = {(byte) (KEY >> 24), (byte) (KEY >> 16), (byte) (KEY >> 8), (byte) KEY};

    @Setup
    public void setup() {
        payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        copyTarget = new byte[size];
        buffer = ByteBuffer.wrap(payload);
    }

    @Benchmark
    public ByteBuffer unmaskWordwise() {
        Masking.unmask(buffer, 0, size, KEY, 0);
        return buffer;
    }

    @Benchmark
    public byte[] unmaskBytewise() {
        bytewise(payload, keyBytes);
        return payload;
    }

    @Benchmark
    public byte[] copy() {
        System.arraycopy(payload, 0, copyTarget, 0, size);
        return copyTarget;
    }

    /** The definition, one byte at a time: the baseline to beat. */
    static void bytewise(byte[] data, byte[] key) {
        for (int i = 0; i < data.length; i++) {
            data[i] ^= key[i & 3];
        }
    }
}
