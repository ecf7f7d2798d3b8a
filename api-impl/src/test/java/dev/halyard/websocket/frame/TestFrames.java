// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames built byte by byte for parser tests, independently of {@link FrameWriter}, so the parser
 * is never checked only against our own writer.
 */
final class TestFrames {

    static final int KEY = 0x37FA213D; // the key of the RFC 6455 §5.7 examples

    private TestFrames() {
    }

    /** A frame from a client: masked with {@link #KEY}. */
    static byte[] masked(int b0, byte[] payload) {
        return build(b0, payload, true);
    }

    /** A frame from a server: unmasked. */
    static byte[] unmasked(int b0, byte[] payload) {
        return build(b0, payload, false);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static byte[] build(int b0, byte[] payload, boolean mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int maskBit = mask ? 0x80 : 0;
        long n = payload.length;
        if (n <= 125) {
            out.write(maskBit | (int) n);
        } else if (n <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (n >> 8));
            out.write((int) n);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (n >> shift));
            }
        }
        byte[] key = {(byte) (KEY >> 24), (byte) (KEY >> 16), (byte) (KEY >> 8), (byte) KEY};
        if (mask) {
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(mask ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }
}
