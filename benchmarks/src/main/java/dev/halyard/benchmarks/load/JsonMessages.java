// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * JSON-like text messages for the compressed echo, compressible as real traffic is and no more:
 * an order-book snapshot with a few keys repeated in every object, numbers that vary, a varying
 * number of objects, and a free-text note to fill the size exactly. A fixed seed draws
 * {@value #BODIES} distinct bodies at start, so every target gets the same bytes, and sending
 * costs a copy rather than formatting. Message {@code k} of a stream takes body {@code k} of its
 * own rotation, so a body comes back only after {@value #BODIES} messages (4 MiB at 1 KiB), far
 * outside DEFLATE's 32 KiB window: context takeover finds the structure messages share, never a
 * whole earlier message. Its first field is the message's key in hexadecimal, so every message
 * is distinct and checkable slice by slice like {@link MessagePattern}'s.
 */
final class JsonMessages implements MessageContent {

    static final int BODIES = 4096;
    private static final String PREFIX = "{\"id\":\"";
    /** Where the 16 key digits start. */
    static final int KEY_AT = PREFIX.length();
    private static final int KEY_END = KEY_AT + MessagePattern.HEADER;
    private static final int SMALLEST = 256;
    private static final int LONGEST_LEVEL = 70; // one object of "levels" with its comma, generously
    private static final String[] VENUES = {"XNAS", "XNYS", "XLON", "XPAR", "XETR", "XTKS"};
    private static final String[] WORDS = {"auction", "halted", "resumed", "imbalance", "opening", "closing", "cross",
        "indicative", "price", "band", "widened", "narrowed", "queue", "priority", "reset", "after", "volatility", "pause"};

    private final int size;
    private final byte[][] bodies = new byte[BODIES][];

    JsonMessages(int size) {
        if (size < SMALLEST) {
            throw new IllegalArgumentException("JSON messages need at least " + SMALLEST + " bytes, got " + size);
        }
        this.size = size;
        SplittableRandom random = new SplittableRandom(7692); // fixed: the same messages on every run and target
        for (int i = 0; i < BODIES; i++) {
            bodies[i] = body(random, size);
        }
    }

    private static byte[] body(SplittableRandom random, int size) {
        StringBuilder json = new StringBuilder(size);
        json.append(PREFIX).append("0".repeat(MessagePattern.HEADER)) // the key goes here as each message is written
                .append("\",\"type\":\"book\",\"venue\":\"").append(VENUES[random.nextInt(VENUES.length)])
                .append("\",\"symbol\":\"").append((char) ('A' + random.nextInt(26))).append((char) ('A' + random.nextInt(26)))
                .append((char) ('A' + random.nextInt(26))).append("\",\"ts\":").append(1_700_000_000_000L + random.nextLong(1L << 36))
                .append(",\"levels\":[");
        // Stop the objects at a random point, so their number varies and the note fills the rest
        int objectsEnd = size - 12 - random.nextInt(40, size / 3);
        for (int level = 0; json.length() + LONGEST_LEVEL <= objectsEnd; level++) {
            json.append(level == 0 ? "" : ",").append("{\"side\":\"").append(random.nextBoolean() ? "bid" : "ask")
                    .append("\",\"px\":").append(random.nextInt(100, 10_000)).append('.');
            int cents = random.nextInt(100);
            json.append(cents < 10 ? "0" : "").append(cents)
                    .append(",\"qty\":").append(random.nextInt(1, 50) * 100).append(",\"orders\":").append(random.nextInt(1, 40));
            if (random.nextInt(4) == 0) {
                json.append(",\"flags\":[\"").append(random.nextBoolean() ? "iceberg" : "hidden").append("\"]");
            }
            json.append('}');
        }
        json.append("],\"note\":\"");
        int noteEnd = size - 2; // then "}
        while (true) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (json.length() + word.length() + 1 > noteEnd) {
                break;
            }
            json.append(word).append(' ');
        }
        while (json.length() < noteEnd) {
            json.append((char) ('a' + random.nextInt(26)));
        }
        json.append("\"}");
        byte[] bytes = json.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != size) {
            throw new IllegalStateException("A JSON body came out at " + bytes.length + " bytes instead of " + size);
        }
        return bytes;
    }

    @Override
    public int size() {
        return size;
    }

    /** The body of message {@code key}: its stream's rotation through the bodies, offset per stream. */
    private byte[] body(long key) {
        long stream = key >>> 40;
        long sequence = key & ((1L << 40) - 1);
        return bodies[(int) Long.remainderUnsigned(sequence + stream * 977, BODIES)];
    }

    @Override
    public void copy(long key, int offset, byte[] target, int at, int length) {
        System.arraycopy(body(key), offset, target, at, length);
        for (int i = Math.max(offset, KEY_AT); i < Math.min(offset + length, KEY_END); i++) {
            target[at + i - offset] = MessagePattern.keyDigit(key, i - KEY_AT);
        }
    }

    @Override
    public boolean matches(long key, int offset, byte[] source, int at, int length) {
        int end = offset + length;
        if (end > size) {
            return false;
        }
        byte[] body = body(key);
        int keyFrom = Math.max(offset, KEY_AT);
        int keyTo = Math.min(end, KEY_END);
        for (int i = keyFrom; i < keyTo; i++) {
            if (source[at + i - offset] != MessagePattern.keyDigit(key, i - KEY_AT)) {
                return false;
            }
        }
        // Around the key: what comes before it, and what comes after it
        int before = Math.min(end, KEY_AT);
        int after = Math.max(offset, KEY_END);
        return (offset >= before || Arrays.equals(body, offset, before, source, at, at + before - offset))
                && (after >= end || Arrays.equals(body, after, end, source, at + after - offset, at + length));
    }
}
