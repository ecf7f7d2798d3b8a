// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.nio.ByteBuffer;

/**
 * An incremental RFC 6455 frame parser. Fed buffers split at any byte boundary, it produces the
 * same calls to its {@link FrameListener}, and it checks a frame's whole header (RSV bits,
 * opcode, control-frame rules, fragmentation order, masking, minimal length encoding, size
 * limits) before it touches a payload byte. It never allocates from a declared length: data
 * payloads are handed on in pieces as they arrive, straight from the caller's buffer, and control
 * payloads use one 125-byte buffer allocated with the parser.
 *
 * <p>Masked payloads are unmasked in place, so input buffers must be writable. After a close
 * frame the parser reads no further frames (RFC 6455 §5.5.1); after a {@link ProtocolException}
 * it is failed for good. Not thread-safe: one parser per connection, fed by one thread at a time.
 */
public final class FrameParser {

    private enum State { HEADER, PAYLOAD, CLOSED, FAILED }

    private final Role role;
    private final FrameListener listener;

    private final byte[] headerBytes = new byte[FrameHeader.MAX_LENGTH];
    private final ByteBuffer header = ByteBuffer.wrap(headerBytes);
    private int headerFill;
    private final ByteBuffer control = ByteBuffer.allocate(FrameHeader.MAX_CONTROL_PAYLOAD);

    private State state = State.HEADER;
    private boolean suspended;

    // The frame being read.
    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private int maskKey;
    private long payloadLength;
    private long payloadRead;

    // The data message being read; messageOpcode is 0 between messages.
    private int messageOpcode;
    private int messageRsv;
    private long messageLength;

    private int allowedRsv;
    // Written by whichever thread changes a session's limits; read at each message's first frame.
    private volatile long maxTextMessageBytes = Long.MAX_VALUE;
    private volatile long maxBinaryMessageBytes = Long.MAX_VALUE;
    private long messageLimit;

    public FrameParser(Role role, FrameListener listener) {
        this.role = role;
        this.listener = listener;
    }

    /** The RSV bits that negotiated extensions claim on data frames; any other set bit is a protocol error. */
    public void setAllowedRsv(int rsvBits) {
        if ((rsvBits & ~0x7) != 0) {
            throw new IllegalArgumentException("RSV bits must be within 0x7, got 0x" + Integer.toHexString(rsvBits));
        }
        this.allowedRsv = rsvBits;
    }

    /**
     * Largest text and binary messages, in payload bytes, before the connection fails with 1009.
     * The check runs on each frame header, so an oversized frame is refused before its payload is
     * read. Messages whose first frame sets an RSV bit are transformed by an extension, which
     * checks the size of what it produces instead.
     */
    public void setMaxMessageBytes(long maxTextMessageBytes, long maxBinaryMessageBytes) {
        if (maxTextMessageBytes < 0 || maxBinaryMessageBytes < 0) {
            throw new IllegalArgumentException("Message limits must not be negative, got text "
                    + maxTextMessageBytes + " and binary " + maxBinaryMessageBytes);
        }
        this.maxTextMessageBytes = maxTextMessageBytes;
        this.maxBinaryMessageBytes = maxBinaryMessageBytes;
    }

    /**
     * Stops {@link #parse} after the listener call in progress returns, leaving the unread bytes
     * in the buffer; the next {@code parse} call resumes. This is how a slow consumer stops the
     * reading instead of letting input pile up.
     */
    public void suspend() {
        suspended = true;
    }

    /** Whether a close frame has been received; the parser discards anything after it. */
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * Parses frames from {@code in}, from its position, until the buffer is used up or the
     * listener calls {@link #suspend()}. The position is left after the last byte consumed.
     *
     * @throws ProtocolException when the peer broke a rule; the connection must be failed with its close code
     */
    public void parse(ByteBuffer in) throws ProtocolException {
        suspended = false;
        try {
            while (!suspended) {
                switch (state) {
                    case HEADER:
                        if (!readHeader(in)) {
                            return;
                        }
                        break;
                    case PAYLOAD:
                        if (!(OpCode.isControl(opcode) ? readControlPayload(in) : readDataPayload(in))) {
                            return;
                        }
                        break;
                    case CLOSED:
                        in.position(in.limit());
                        return;
                    default:
                        throw new IllegalStateException("The parser failed earlier and the connection is being closed");
                }
            }
        } catch (ProtocolException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** Reads header bytes; returns true once a whole header is read and checked. */
    private boolean readHeader(ByteBuffer in) throws ProtocolException {
        if (headerFill == 0 && in.remaining() >= 2) {
            // Fast path: the whole header is usually in the buffer.
            int p = in.position();
            int b1 = in.get(p + 1) & 0xFF;
            int length = FrameHeader.lengthFromSecondByte(b1);
            if (in.remaining() >= length) {
                checkFirstTwoBytes(in.get(p) & 0xFF, b1);
                in.position(p + length);
                return readRestOfHeader(in, p, b1);
            }
        }
        while (in.hasRemaining()) {
            headerBytes[headerFill++] = in.get();
            if (headerFill < 2) {
                continue;
            }
            int b1 = headerBytes[1] & 0xFF;
            if (headerFill == 2) {
                checkFirstTwoBytes(headerBytes[0] & 0xFF, b1); // fail as early as the bytes allow
            }
            if (headerFill == FrameHeader.lengthFromSecondByte(b1)) {
                headerFill = 0;
                return readRestOfHeader(header, 0, b1);
            }
        }
        return false;
    }

    private void checkFirstTwoBytes(int b0, int b1) throws ProtocolException {
        fin = (b0 & FrameHeader.FIN) != 0;
        rsv = (b0 >> 4) & 0x7;
        opcode = b0 & 0xF;
        masked = (b1 & FrameHeader.MASK) != 0;
        int length7 = b1 & 0x7F;

        if (!OpCode.isDefined(opcode)) {
            throw protocolError("Reserved opcode " + OpCode.name(opcode) + " (RFC 6455 §5.2)");
        }
        if (OpCode.isControl(opcode)) {
            if (rsv != 0) {
                throw protocolError("RSV bits 0x" + Integer.toHexString(rsv) + " set on a "
                        + OpCode.name(opcode) + " frame; control frames may not use them (RFC 6455 §5.2)");
            }
            if (!fin) {
                throw protocolError("Fragmented " + OpCode.name(opcode) + " frame; control frames may not be fragmented (RFC 6455 §5.5)");
            }
            if (length7 > FrameHeader.MAX_CONTROL_PAYLOAD) {
                throw protocolError(OpCode.name(opcode) + " frame declares a payload longer than 125 bytes (RFC 6455 §5.5)");
            }
        } else {
            if ((rsv & ~allowedRsv) != 0) {
                throw protocolError("RSV bits 0x" + Integer.toHexString(rsv & ~allowedRsv)
                        + " set with no negotiated extension claiming them (RFC 6455 §5.2)");
            }
            if (opcode == OpCode.CONTINUATION && messageOpcode == 0) {
                throw protocolError("CONTINUATION frame with no fragmented message to continue (RFC 6455 §5.4)");
            }
            if (opcode != OpCode.CONTINUATION && messageOpcode != 0) {
                throw protocolError(OpCode.name(opcode) + " frame while a fragmented "
                        + OpCode.name(messageOpcode) + " message is unfinished (RFC 6455 §5.4)");
            }
        }
        if (masked != role.expectsMaskedIncoming()) {
            throw protocolError(role == Role.SERVER
                    ? "Unmasked frame from a client; clients must mask every frame (RFC 6455 §5.1)"
                    : "Masked frame from a server; servers must not mask frames (RFC 6455 §5.1)");
        }
    }

    /** Decodes the extended length and masking key from {@code src} at {@code p} and starts the payload. */
    private boolean readRestOfHeader(ByteBuffer src, int p, int b1) throws ProtocolException {
        int length7 = b1 & 0x7F;
        int keyAt = p + 2;
        if (length7 == 126) {
            payloadLength = FrameHeader.getUnsignedShort(src, p + 2);
            keyAt += 2;
            if (payloadLength < 126) {
                throw protocolError("Payload length " + payloadLength + " sent in the 16-bit form; it must use the shortest form (RFC 6455 §5.2)");
            }
        } else if (length7 == 127) {
            payloadLength = FrameHeader.getLong(src, p + 2);
            keyAt += 8;
            if (payloadLength < 0) {
                throw protocolError("64-bit payload length has its most significant bit set (RFC 6455 §5.2)");
            }
            if (payloadLength <= 0xFFFF) {
                throw protocolError("Payload length " + payloadLength + " sent in the 64-bit form; it must use the shortest form (RFC 6455 §5.2)");
            }
        } else {
            payloadLength = length7;
        }
        maskKey = masked ? FrameHeader.getInt(src, keyAt) : 0;
        payloadRead = 0;
        if (!OpCode.isControl(opcode)) {
            startDataFrame();
        }
        state = State.PAYLOAD;
        return true;
    }

    private void startDataFrame() throws ProtocolException {
        if (opcode != OpCode.CONTINUATION) {
            messageOpcode = opcode;
            messageRsv = rsv;
            messageLength = 0;
            // A limit changed mid-message applies from the next message.
            messageLimit = opcode == OpCode.TEXT ? maxTextMessageBytes : maxBinaryMessageBytes;
        }
        if (messageRsv == 0) {
            if (payloadLength > messageLimit - messageLength) {
                throw new ProtocolException(CloseStatus.TOO_BIG, (messageOpcode == OpCode.TEXT ? "Text" : "Binary")
                        + " message of at least " + sizeText(messageLength, payloadLength)
                        + " bytes exceeds the limit of " + messageLimit + " bytes");
            }
            messageLength += payloadLength;
        }
        if (fin) {
            messageOpcode = 0; // the next data frame starts a new message
        }
    }

    private static String sizeText(long before, long frame) {
        long sum = before + frame;
        return sum < 0 ? Long.toUnsignedString(sum) : Long.toString(sum);
    }

    private boolean readDataPayload(ByteBuffer in) throws ProtocolException {
        long left = payloadLength - payloadRead;
        int n = (int) Math.min(left, in.remaining());
        if (n == 0 && left > 0) {
            return false;
        }
        int p = in.position();
        if (masked) {
            Masking.unmask(in, p, n, maskKey, (int) (payloadRead & 3));
        }
        payloadRead += n;
        boolean frameEnd = payloadRead == payloadLength;
        if (frameEnd) {
            state = State.HEADER;
        }
        int limit = in.limit();
        in.limit(p + n);
        try {
            listener.onDataFrame(opcode, fin, rsv, in, frameEnd);
        } finally {
            in.limit(limit);
            in.position(p + n);
        }
        return frameEnd;
    }

    private boolean readControlPayload(ByteBuffer in) throws ProtocolException {
        int length = (int) payloadLength;
        if (control.position() == 0 && in.remaining() >= length) {
            // Whole payload at hand: unmask and lend it in place.
            int p = in.position();
            if (masked) {
                Masking.unmask(in, p, length, maskKey, 0);
            }
            int limit = in.limit();
            in.limit(p + length);
            try {
                deliverControl(in);
            } finally {
                in.limit(limit);
                in.position(p + length);
            }
            return true;
        }
        int n = Math.min(length - control.position(), in.remaining());
        int limit = in.limit();
        in.limit(in.position() + n);
        control.put(in);
        in.limit(limit);
        if (control.position() < length) {
            return false;
        }
        control.flip();
        if (masked) {
            Masking.unmask(control, 0, length, maskKey, 0);
        }
        try {
            deliverControl(control);
        } finally {
            control.clear();
        }
        return true;
    }

    private void deliverControl(ByteBuffer payload) throws ProtocolException {
        if (opcode == OpCode.CLOSE) {
            CloseStatus.checkPayload(payload);
            state = State.CLOSED;
        } else {
            state = State.HEADER;
        }
        listener.onControlFrame(opcode, payload);
    }

    private static ProtocolException protocolError(String reason) {
        return new ProtocolException(CloseStatus.PROTOCOL_ERROR, reason);
    }

    /** The parser's state in one line, for logs; read without a lock, a snapshot that may be a little stale. */
    @Override
    public String toString() {
        String frame = state == State.HEADER && headerFill > 0 ? " (" + headerFill + " of its bytes read)"
                : state != State.PAYLOAD ? "" : ", " + OpCode.name(opcode) + (fin ? " fin" : "") + (masked ? " masked" : "")
                        + (rsv != 0 ? " rsv 0x" + Integer.toHexString(rsv) : "") + ", payload " + payloadRead + "/" + payloadLength;
        String message = messageOpcode == 0 ? ""
                : ", in a fragmented " + OpCode.name(messageOpcode) + " message of " + messageLength + " bytes so far";
        return "FrameParser[" + role + ", " + state + frame + message + (suspended ? ", suspended]" : "]");
    }
}
