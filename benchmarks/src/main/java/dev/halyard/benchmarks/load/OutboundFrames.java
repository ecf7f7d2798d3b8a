package dev.halyard.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one connection sends: a queue of numbered messages of one pattern, each one unfragmented
 * masked frame, written into whatever room an output buffer has, so that a 1 MiB message never
 * sits whole in memory; then, optionally, a close frame. Every frame gets its own mask key
 * (RFC 6455 §5.3). ThreadLocalRandom rather than SecureRandom: the unpredictability §10.3 asks
 * for protects intermediaries from scripts in browsers, and the peers here are our own servers.
 */
final class OutboundFrames {

    private static final int MAX_HEADER = 14; // 2 + 8 length + 4 mask (RFC 6455 §5.2)

    private final MessagePattern pattern;
    private final int opcode;
    private final int stream;
    private long nextSequence;
    private long queued;
    private boolean inFrame;
    private int payloadOffset;
    private int maskKey;
    private int closeCode = -1;
    private boolean closeWritten;

    OutboundFrames(MessagePattern pattern, int opcode, int stream) {
        this.pattern = pattern;
        this.opcode = opcode;
        this.stream = stream;
    }

    /** Queues the next {@code count} messages of this stream. */
    void queue(int count) {
        if (closeCode >= 0) {
            throw new IllegalStateException("No message may follow the close frame (RFC 6455 §5.5.1)");
        }
        queued += count;
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
        return queued > 0 || (closeCode >= 0 && !closeWritten);
    }

    boolean closeWritten() {
        return closeWritten;
    }

    /** Writes frames into {@code out} (a heap buffer) until it is full or nothing is pending. */
    void fill(ByteBuffer out) {
        byte[] array = out.array();
        while (true) {
            if (!inFrame) {
                if (queued == 0) {
                    if (closeCode >= 0 && !closeWritten && out.remaining() >= 8) {
                        writeClose(out);
                    }
                    return;
                }
                if (out.remaining() < MAX_HEADER + 1) {
                    return;
                }
                writeHeader(out, opcode, pattern.size());
                inFrame = true;
                payloadOffset = 0;
            }
            int length = Math.min(pattern.size() - payloadOffset, out.remaining());
            if (length == 0) {
                return;
            }
            int at = out.arrayOffset() + out.position();
            pattern.copy(MessagePattern.key(stream, nextSequence), payloadOffset, array, at, length);
            Masking.mask(array, at, length, maskKey, payloadOffset);
            out.position(out.position() + length);
            payloadOffset += length;
            if (payloadOffset == pattern.size()) {
                inFrame = false;
                queued--;
                nextSequence++;
            }
        }
    }

    private void writeHeader(ByteBuffer out, int frameOpcode, int length) {
        out.put((byte) (0x80 | frameOpcode)); // FIN: every message is one frame
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
