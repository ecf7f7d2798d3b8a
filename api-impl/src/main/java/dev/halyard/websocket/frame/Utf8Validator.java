// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.nio.ByteBuffer;

/**
 * Streaming UTF-8 validation: fed a message in pieces split anywhere, it reports the first byte
 * that cannot be part of well-formed UTF-8 (Unicode 15, table 3-7), so an invalid text message is
 * failed at once rather than after it has been buffered whole (RFC 6455 §8.1). Rejects overlong
 * forms, surrogates (U+D800-U+DFFF) and code points above U+10FFFF.
 */
public final class Utf8Validator {

    /** Between characters. */
    private static final int ACCEPT = 0;
    // 1-3: that many continuation bytes (80-BF) still expected.
    /** After E0: the next byte must be A0-BF (no overlong 3-byte forms). */
    private static final int AFTER_E0 = 4;
    /** After ED: the next byte must be 80-9F (no surrogates). */
    private static final int AFTER_ED = 5;
    /** After F0: the next byte must be 90-BF (no overlong 4-byte forms). */
    private static final int AFTER_F0 = 6;
    /** After F4: the next byte must be 80-8F (nothing above U+10FFFF). */
    private static final int AFTER_F4 = 7;
    private static final int REJECT = -1;

    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private int state = ACCEPT;

    /**
     * Checks {@code buffer[position, limit)} without moving the position.
     *
     * @return -1 when every byte may belong to well-formed UTF-8, otherwise the buffer index of
     *     the first byte that cannot; the validator then stays failed until {@link #reset()}
     */
    public int validate(ByteBuffer buffer) {
        int i = buffer.position();
        int end = buffer.limit();
        int s = state;
        while (i < end) {
            if (s == ACCEPT) {
                // ASCII runs, 8 bytes a step; the byte order does not matter for this test.
                while (i + 8 <= end && (buffer.getLong(i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i == end) {
                    break;
                }
            }
            s = next(s, buffer.get(i) & 0xFF);
            if (s == REJECT) {
                state = REJECT;
                return i;
            }
            i++;
        }
        state = s;
        return -1;
    }

    /** Whether everything validated so far ends on a character boundary. */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** Forgets the current message, ready for the next one. */
    public void reset() {
        state = ACCEPT;
    }

    /** Whether {@code buffer[from, to)} is well-formed UTF-8 on its own. */
    public static boolean isValid(ByteBuffer buffer, int from, int to) {
        int s = ACCEPT;
        for (int i = from; i < to && s != REJECT; i++) {
            s = next(s, buffer.get(i) & 0xFF);
        }
        return s == ACCEPT;
    }

    private static int next(int state, int b) {
        switch (state) {
            case ACCEPT:
                if (b < 0x80) {
                    return ACCEPT;
                }
                if (b < 0xC2) {
                    return REJECT; // a continuation byte, or an overlong 2-byte lead
                }
                if (b < 0xE0) {
                    return 1;
                }
                if (b == 0xE0) {
                    return AFTER_E0;
                }
                if (b == 0xED) {
                    return AFTER_ED;
                }
                if (b < 0xF0) {
                    return 2;
                }
                if (b == 0xF0) {
                    return AFTER_F0;
                }
                if (b < 0xF4) {
                    return 3;
                }
                return b == 0xF4 ? AFTER_F4 : REJECT;
            case 1:
            case 2:
            case 3:
                return (b & 0xC0) == 0x80 ? state - 1 : REJECT;
            case AFTER_E0:
                return b >= 0xA0 && b <= 0xBF ? 1 : REJECT;
            case AFTER_ED:
                return b >= 0x80 && b <= 0x9F ? 1 : REJECT;
            case AFTER_F0:
                return b >= 0x90 && b <= 0xBF ? 2 : REJECT;
            case AFTER_F4:
                return b >= 0x80 && b <= 0x8F ? 2 : REJECT;
            default:
                return REJECT;
        }
    }
}
