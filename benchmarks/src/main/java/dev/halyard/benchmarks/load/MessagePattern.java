// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.util.Arrays;

/**
 * The content of every message of one size: 16 hexadecimal digits of the message's key (its
 * stream and sequence number), then lowercase letters starting at a letter the key chooses. Each
 * message is therefore distinct, valid UTF-8, and checkable slice by slice as it arrives,
 * without keeping what was sent.
 */
final class MessagePattern implements MessageContent {

    static final int HEADER = 16;
    private static final int LETTERS = 26;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final int size;
    private final byte[] letters;

    MessagePattern(int size) {
        if (size < HEADER) {
            throw new IllegalArgumentException("Message size " + size + " is below the " + HEADER
                    + " bytes of the key that numbers each message");
        }
        this.size = size;
        letters = new byte[size + LETTERS];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + i % LETTERS);
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** The key of message {@code sequence} of stream {@code stream}. */
    static long key(int stream, long sequence) {
        return (long) stream << 40 | sequence;
    }

    @Override
    public void copy(long key, int offset, byte[] target, int at, int length) {
        int i = 0;
        for (; i < length && offset + i < HEADER; i++) {
            target[at + i] = keyDigit(key, offset + i);
        }
        if (i < length) {
            System.arraycopy(letters, start(key) + offset + i, target, at + i, length - i);
        }
    }

    @Override
    public boolean matches(long key, int offset, byte[] source, int at, int length) {
        if (offset + length > size) {
            return false;
        }
        int i = 0;
        for (; i < length && offset + i < HEADER; i++) {
            if (source[at + i] != keyDigit(key, offset + i)) {
                return false;
            }
        }
        int from = start(key) + offset + i;
        return i == length || Arrays.equals(letters, from, from + length - i, source, at + i, at + length);
    }

    /** Hexadecimal digit {@code index} (0 to 15, most significant first) of {@code key}. */
    static byte keyDigit(long key, int index) {
        return HEX[(int) (key >>> (60 - 4 * index)) & 0xF];
    }

    private static int start(long key) {
        return (int) Long.remainderUnsigned(key, LETTERS) - HEADER;
    }
}
