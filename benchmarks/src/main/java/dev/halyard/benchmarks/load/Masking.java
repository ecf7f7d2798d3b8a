// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Client-to-server masking (RFC 6455 §5.3), eight bytes a step, on any slice of a payload. */
final class Masking {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {
    }

    /**
     * XORs {@code length} bytes at {@code offset} with the mask {@code key} (its four bytes
     * big-endian), the first of them being byte {@code payloadIndex} of the frame's payload:
     * byte i of a payload is masked with key byte i mod 4.
     */
    static void mask(byte[] bytes, int offset, int length, int key, long payloadIndex) {
        int rotated = Integer.rotateLeft(key, 8 * (int) (payloadIndex & 3));
        long wide = (rotated & 0xFFFF_FFFFL) << 32 | (rotated & 0xFFFF_FFFFL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONG.set(bytes, offset + i, (long) LONG.get(bytes, offset + i) ^ wide);
        }
        for (; i < length; i++) {
            bytes[offset + i] ^= (byte) (rotated >>> (24 - 8 * (i & 3)));
        }
    }
}
