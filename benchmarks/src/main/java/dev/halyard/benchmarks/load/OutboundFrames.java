// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one connection sends: a queue of numbered messages of one pattern, each one unfragmented
 * masked frame, written into whatever room an output buffer has, so that a 1 MiB message never
 * sits whole in memory; then, optionally, a close frame. Every frame gets its own mask key
 * (RFC 6455 §5.3). ThreadLocalRandom rather than SecureRandom: the unpredictability §10.3 asks
 * for protects intermediaries from scripts in browsers, and the peers here are our own servers.
 * With permessage-deflate agreed, each message is compressed whole as its frame begins (a 1 KiB
 * message compresses into a few hundred bytes held until written) and its frame carries RSV1.
 */
final class OutboundFrames {

    private static final int MAX_HEADER = 14; // 2 + 8 length + 4 mask (RFC 6455 §5.2)

    private final MessageContent pattern;
    private final int opcode;
    private final int stream;
    private long nextSequence;
    private long queued;
    private boolean inFrame;
    private int payloadOffset;
    private int maskKey;
    private int closeCode = -1;
    /** The payload of the pong owed to the server's latest ping (RFC 6455 §5.5.3: the latest is enough), or null. */
    private byte[] pong;
    private boolean closeWritten;
    private ClientDeflate deflate;
    private byte[] plain;
    private int frameLength;

    OutboundFrames(MessageContent pattern, int opcode, int stream) {
        this.pattern = pattern;
        this.opcode = opcode;
        this.stream = stream;
    }

    /** Compresses every message from the next one on (RFC 7692 §7.2.1). */
    void compressWith(ClientDeflate compression) {
        deflate = compression;
        plain = new byte[pattern.size()];
    }

    /** Queues the next {@code count} messages of this stream. */
    void queue(int count) {
        if (closeCode >= 0) {
            throw new IllegalStateException("No message may follow the close frame (RFC 6455 §5.5.1)");
        }
        queued += count;
    }

    /** Owes the server a pong for its ping, written between messages. */
    void queuePong(byte[] payload) {
        pong = payload;
    }

    /** Queues a close frame behind the queued messages. */
    void queueClose(int code) {
        if (closeCode < 0) {
            closeCode = code;
        }
    }

    /** Messages queued so far, whether written or not. */
    long queuedTotal() {
        return nextSequence + queued;
    }

    boolean hasPending() {
        return queued > 0 || pong != null || (closeCode >= 0 && !closeWritten);
    }

    boolean closeWritten() {
        return closeWritten;
    }

    /** Writes frames into {@code out} (a heap buffer) until it is full or nothing is pending. */
    void fill(ByteBuffer out) {
        byte[] array = out.array();
        while (true) {
            if (!inFrame) {
                if (pong != null && out.remaining() >= 6 + pong.length) {
                    writeHeader(out, 0xA, pong.length);
                    int at = out.arrayOffset() + out.position();
                    out.put(pong);
                    Masking.mask(out.array(), at, pong.length, maskKey, 0);
                    pong = null;
                }
                if (queued == 0) {
                    if (closeCode >= 0 && !closeWritten && out.remaining() >= 8) {
                        writeClose(out);
                    }
                    return;
                }
                if (out.remaining() < MAX_HEADER + 1) {
                    return;
                }
                if (deflate == null) {
                    frameLength = pattern.size();
                    writeHeader(out, opcode, frameLength);
                } else {
                    pattern.copy(MessagePattern.key(stream, nextSequence), 0, plain, 0, plain.length);
                    frameLength = deflate.compress(plain, plain.length);
                    writeHeader(out, 0x40 | opcode, frameLength); // RSV1: this message is compressed (RFC 7692 §6)
                }
                inFrame = true;
                payloadOffset = 0;
            }
            int length = Math.min(frameLength - payloadOffset, out.remaining());
            if (length == 0 && frameLength > 0) {
                return;
            }
            int at = out.arrayOffset() + out.position();
            if (deflate == null) {
                pattern.copy(MessagePattern.key(stream, nextSequence), payloadOffset, array, at, length);
            } else {
                System.arraycopy(deflate.compressed(), payloadOffset, array, at, length);
            }
            Masking.mask(array, at, length, maskKey, payloadOffset);
            out.position(out.position() + length);
            payloadOffset += length;
            if (payloadOffset == frameLength) {
                inFrame = false;
                queued--;
                nextSequence++;
            }
        }
    }

    /** @param bits the opcode and any RSV bits of the first byte */
    private void writeHeader(ByteBuffer out, int bits, int length) {
        out.put((byte) (0x80 | bits)); // FIN: every message is one frame
        if (length < 126) {
            out.put((byte) (0x80 | length));
        } else if (length < 65536) {
            out.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            out.put((byte) (0x80 | 127)).putLong(length); // RFC 6455 §5.2: the shortest encoding
        }
        maskKey = ThreadLocalRandom.current().nextInt();
        out.putInt(maskKey);
    }

    private void writeClose(ByteBuffer out) {
        writeHeader(out, 0x8, 2);
        int at = out.arrayOffset() + out.position();
        out.putShort((short) closeCode);
        Masking.mask(out.array(), at, 2, maskKey, 0);
        closeWritten = true;
    }
}
