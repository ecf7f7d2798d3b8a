// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

/**
 * Parses what a server sends (RFC 6455 §5.2) from input split anywhere, and hands data payloads
 * on in slices as they arrive. It holds nothing but a frame header and up to 125 bytes of a
 * control frame, so ten thousand idle connections cost little. It checks what a client must:
 * no mask from a server (§5.1), no RSV bits but RSV1 on the first frame of a data message when
 * permessage-deflate was agreed (§5.2, RFC 7692 §6), control frames unfragmented and at most 125
 * bytes (§5.5), continuations only inside a message (§5.4).
 */
final class InboundFrames {

    /** Receives the parsed frames of one connection. */
    interface Sink {
        /** @param compressed whether RSV1 marks the message as compressed (RFC 7692 §6) */
        void messageStart(int opcode, boolean compressed) throws ProtocolViolation;

        void payload(byte[] bytes, int offset, int length) throws ProtocolViolation;

        void messageEnd() throws ProtocolViolation;

        void control(int opcode, byte[] payload, int length) throws ProtocolViolation;
    }

    private final Sink sink;
    private final boolean deflateAgreed;
    private final byte[] header = new byte[10];
    private int headerLength;
    private long payloadLeft = -1; // -1: reading a header
    private int opcode;
    private boolean fin;
    private boolean inMessage;
    private final byte[] control = new byte[125];
    private int controlLength;

    InboundFrames(Sink sink) {
        this(sink, false);
    }

    /** @param deflateAgreed whether the handshake agreed on permessage-deflate, which gives RSV1 its meaning */
    InboundFrames(Sink sink, boolean deflateAgreed) {
        this.sink = sink;
        this.deflateAgreed = deflateAgreed;
    }

    /** Parses {@code length} bytes; throws at the first rule a server broke. */
    void feed(byte[] bytes, int offset, int length) throws ProtocolViolation {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (payloadLeft < 0) {
                header[headerLength++] = bytes[i++];
                if (headerComplete()) {
                    startFrame();
                }
                continue;
            }
            int n = (int) Math.min(payloadLeft, end - i);
            if (opcode >= 0x8) {
                System.arraycopy(bytes, i, control, controlLength, n);
                controlLength += n;
            } else if (n > 0) {
                sink.payload(bytes, i, n);
            }
            i += n;
            payloadLeft -= n;
            if (payloadLeft == 0) {
                endFrame();
            }
        }
    }

    private boolean headerComplete() {
        if (headerLength < 2) {
            return false;
        }
        int length7 = header[1] & 0x7F;
        int needed = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
        return headerLength == needed;
    }

    private void startFrame() throws ProtocolViolation {
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0F;
        boolean rsv1 = (b0 & 0x40) != 0;
        if ((b0 & 0x30) != 0 || rsv1 && !deflateAgreed) {
            throw new ProtocolViolation("RSV bits " + Integer.toBinaryString((b0 >> 4) & 7) + " set, but "
                    + (deflateAgreed ? "only permessage-deflate, which uses RSV1, was" : "no extension was") + " negotiated (RFC 6455 §5.2)");
        }
        if (rsv1 && (opcode == 0x0 || opcode >= 0x8)) {
            throw new ProtocolViolation("RSV1 set on a " + (opcode == 0 ? "continuation" : "control")
                    + " frame; it marks only a data message's first frame (RFC 7692 §6, §6.1)");
        }
        if ((b1 & 0x80) != 0) {
            throw new ProtocolViolation("Masked frame from the server (RFC 6455 §5.1)");
        }
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
        } else if (length == 127) {
            length = 0;
            for (int k = 2; k < 10; k++) {
                length = length << 8 | (header[k] & 0xFF);
            }
            if (length < 0) {
                throw new ProtocolViolation("Frame length with the most significant bit set (RFC 6455 §5.2)");
            }
        }
        if (opcode >= 0x8) {
            if (!fin || length > 125) {
                throw new ProtocolViolation("Control frame of opcode " + opcode + (fin ? "" : " fragmented")
                        + " with " + length + " bytes (at most 125, unfragmented, RFC 6455 §5.5)");
            }
            controlLength = 0;
        } else if (opcode == 0x0) {
            if (!inMessage) {
                throw new ProtocolViolation("Continuation frame with no message to continue (RFC 6455 §5.4)");
            }
        } else if (opcode == 0x1 || opcode == 0x2) {
            if (inMessage) {
                throw new ProtocolViolation("New data frame of opcode " + opcode
                        + " inside an unfinished message (RFC 6455 §5.4)");
            }
            inMessage = true;
            sink.messageStart(opcode, rsv1);
        } else {
            throw new ProtocolViolation("Reserved opcode " + opcode + " (RFC 6455 §5.2)");
        }
        headerLength = 0;
        payloadLeft = length;
        if (length == 0) {
            endFrame();
        }
    }

    private void endFrame() throws ProtocolViolation {
        payloadLeft = -1;
        if (opcode >= 0x8) {
            sink.control(opcode, control, controlLength);
        } else if (fin) {
            inMessage = false;
            sink.messageEnd();
        }
    }

    /** A server broke a framing rule of RFC 6455. */
    static final class ProtocolViolation extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolViolation(String message) {
            super(message);
        }
    }
}
