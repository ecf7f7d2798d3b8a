// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.frame.FrameListener;
import dev.halyard.websocket.frame.FrameParser;
import dev.halyard.websocket.frame.ProtocolException;
import dev.halyard.websocket.frame.Role;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The benchmarks measure what they claim: their kernels compute the right bytes and frames. */
class BenchmarkKernelsTest {

    @Test
    void wordwiseAndBytewiseUnmaskingAgree() {
        for (String size : new String[] {"64", "1024", "65536"}) {
            MaskingBenchmark benchmark = new MaskingBenchmark();
            benchmark.size = Integer.parseInt(size);
            benchmark.setup();
            byte[] original = benchmark.payload.clone();
            benchmark.unmaskWordwise();
            byte[] wordwise = benchmark.payload.clone();
            System.arraycopy(original, 0, benchmark.payload, 0, original.length);
            benchmark.unmaskBytewise();
            assertThat(benchmark.payload).as(size).isEqualTo(wordwise).isNotEqualTo(original);
            assertThat(benchmark.copy()).isEqualTo(benchmark.payload);
        }
    }

    @Test
    void parserBenchmarkInputParsesToItsFramesOnEveryPass() throws ProtocolException {
        for (int size : new int[] {64, 1024, 65536}) {
            ByteBuffer wire = ParserBenchmark.frames(size, ParserBenchmark.FRAMES);
            long[] counts = new long[3]; // frames, payload bytes, pass
            FrameParser parser = new FrameParser(Role.SERVER, new FrameListener() {
                @Override
                public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) {
                    counts[1] += payload.remaining();
                    if (frameEnd) {
                        counts[0]++;
                        if (counts[2] == 0) { // the second pass sees the payloads masked again
                            assertThat(payload.get(payload.limit() - 1)).isEqualTo((byte) (size - 1));
                        }
                    }
                }

                @Override
                public void onControlFrame(int opcode, ByteBuffer payload) {
                }
            });
            for (int pass = 0; pass < 2; pass++) {
                counts[0] = 0;
                counts[1] = 0;
                counts[2] = pass;
                wire.rewind();
                parser.parse(wire);
                assertThat(counts[0]).isEqualTo(ParserBenchmark.FRAMES);
                assertThat(counts[1]).isEqualTo((long) size * ParserBenchmark.FRAMES);
            }
        }
    }
}
