// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The client's half of permessage-deflate (RFC 7692) on one connection: each outgoing message is
 * compressed whole with a sync flush and its final 0x00 0x00 0xFF 0xFF removed (§7.2.1); each
 * incoming message with RSV1 is inflated as its frames arrive, with those four bytes put back at
 * its end (§7.2.2), and handed on in slices to be checked like an uncompressed one. One deflater
 * and one inflater for the connection's life, so both keep their window from message to message
 * (context takeover, §7.1.1), unless the server asked the client to reset (client_no_context_takeover).
 * Their native memory is not garbage collected: {@link #end} frees it when the connection closes.
 */
final class ClientDeflate {

    static final String NAME = "permessage-deflate";
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final int INFLATED_SLICE = 16 * 1024;

    private final String answer;
    private final boolean resetPerMessage;
    /**
     * Level 1, the fastest: at zlib's default (6) the client's compression cost the generator's
     * thread as much as a server's whole echo, and bounded the figure for every server alike.
     */
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final Inflater inflater = new Inflater(true);
    private byte[] compressed = new byte[1024];
    private byte[] inflated;
    private long compressedMessagesIn;
    private long plainMessagesIn;
    private boolean ended;

    /**
     * @param answer the server's Sec-WebSocket-Extensions, as it agreed
     * @param clientNoContextTakeover whether that answer asked this client to reset its compressor per message
     */
    ClientDeflate(String answer, boolean clientNoContextTakeover) {
        this.answer = answer;
        this.resetPerMessage = clientNoContextTakeover;
    }

    String answer() {
        return answer;
    }

    /** Compresses one whole message; returns the length of the result, which {@link #compressed()} holds. */
    int compress(byte[] message, int length) {
        deflater.setInput(message, 0, length);
        int total = 0;
        while (true) {
            int room = compressed.length - total;
            int written = deflater.deflate(compressed, total, room, Deflater.SYNC_FLUSH);
            total += written;
            if (written < room) {
                break; // the flush completed: the deflater had room to spare
            }
            compressed = Arrays.copyOf(compressed, compressed.length * 2);
        }
        if (total < TAIL.length || !Arrays.equals(compressed, total - TAIL.length, total, TAIL, 0, TAIL.length)) {
            throw new IllegalStateException("A sync flush did not end with 00 00 FF FF");
        }
        if (resetPerMessage) {
            deflater.reset();
        }
        return total - TAIL.length;
    }

    byte[] compressed() {
        return compressed;
    }

    /** Messages that arrived compressed, and that arrived with RSV1 clear (a server may send either). */
    long compressedMessagesIn() {
        return compressedMessagesIn;
    }

    long plainMessagesIn() {
        return plainMessagesIn;
    }

    /** A sink that inflates the compressed messages among the frames and passes them to {@code next} inflated. */
    InboundFrames.Sink inflating(InboundFrames.Sink next) {
        return new InboundFrames.Sink() {
            private boolean inCompressed;

            @Override
            public void messageStart(int opcode, boolean compressedMessage) throws InboundFrames.ProtocolViolation {
                inCompressed = compressedMessage;
                next.messageStart(opcode, false);
            }

            @Override
            public void payload(byte[] bytes, int offset, int length) throws InboundFrames.ProtocolViolation {
                if (inCompressed) {
                    inflate(bytes, offset, length, next);
                } else {
                    next.payload(bytes, offset, length);
                }
            }

            @Override
            public void messageEnd() throws InboundFrames.ProtocolViolation {
                if (inCompressed) {
                    compressedMessagesIn++;
                    if (!ended && !inflater.finished()) {
                        inflate(TAIL, 0, TAIL.length, next);
                    }
                    if (!ended && inflater.finished()) {
                        inflater.reset(); // the server ended its DEFLATE stream (BFINAL): the next message starts anew
                    }
                } else {
                    plainMessagesIn++;
                }
                next.messageEnd();
            }

            @Override
            public void control(int opcode, byte[] payload, int length) throws InboundFrames.ProtocolViolation {
                next.control(opcode, payload, length);
            }
        };
    }

    /** Inflates all of the input now, since it lies in a read buffer that is reused. */
    private void inflate(byte[] bytes, int offset, int length, InboundFrames.Sink next) throws InboundFrames.ProtocolViolation {
        if (ended) {
            return; // the connection closed while frames of this read were still being parsed: they count for nothing
        }
        if (inflated == null) {
            inflated = new byte[INFLATED_SLICE];
        }
        inflater.setInput(bytes, offset, length);
        try {
            while (true) {
                int n = inflater.inflate(inflated);
                if (n > 0) {
                    next.payload(inflated, 0, n);
                } else if (inflater.needsInput() || inflater.finished()) {
                    break;
                } else if (inflater.needsDictionary()) {
                    throw new InboundFrames.ProtocolViolation("The server's DEFLATE data asks for a preset dictionary (RFC 7692 §7.2.2)");
                }
            }
        } catch (DataFormatException e) {
            throw new InboundFrames.ProtocolViolation("Invalid compressed data from the server: " + e.getMessage()
                    + " (RFC 7692 §7.2.2)");
        }
        if (inflater.finished() && inflater.getRemaining() > 0) {
            throw new InboundFrames.ProtocolViolation("Compressed data continues after the end of the DEFLATE stream (RFC 7692 §7.2.2)");
        }
    }

    /** Frees the zlib streams; the connection is closed. */
    void end() {
        if (!ended) {
            ended = true;
            deflater.end();
            inflater.end();
        }
    }
}
