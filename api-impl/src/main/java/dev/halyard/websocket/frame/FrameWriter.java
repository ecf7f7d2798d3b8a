// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * Writes frames into buffers the caller supplies. A server's payloads go out as they are (the
 * caller may send the header and the payload as two buffers in one gathering write); a client's
 * are masked with a fresh key per frame, copied into the target buffer since the caller's payload
 * must not change. Large payloads can be written in pieces: {@link #writeHeader} returns the key,
 * and {@link Masking#maskCopy} continues at any phase.
 *
 * <p>Arguments are checked: a bad opcode, RSV value, oversized or fragmented control frame, or
 * close code gets an {@link IllegalArgumentException} naming the value. Not thread-safe.
 */
public final class FrameWriter {

    private final boolean masks;
    private final IntSupplier maskKeys;

    /** A writer for {@code role}; a client draws its masking keys from a new {@link MaskKeys}. */
    public FrameWriter(Role role) {
        this(role, role.masksOutgoing() ? new MaskKeys() : () -> 0);
    }

    /** A writer with its masking keys from {@code maskKeys}: for tests that need known bytes. */
    public FrameWriter(Role role, IntSupplier maskKeys) {
        this.masks = role.masksOutgoing();
        this.maskKeys = maskKeys;
    }

    /** Whether this writer masks payloads (the client role). */
    public boolean masks() {
        return masks;
    }

    /** The header length of a frame with {@code payloadLength} payload bytes from this writer. */
    public int headerLength(long payloadLength) {
        return FrameHeader.length(payloadLength, masks);
    }

    /**
     * Writes a frame header for a payload of {@code payloadLength} bytes at {@code out}'s position.
     *
     * @return the masking key the payload must be masked with, or 0 when this writer does not mask
     */
    public int writeHeader(ByteBuffer out, boolean fin, int rsv, int opcode, long payloadLength) {
        checkHeader(fin, rsv, opcode, payloadLength);
        out.put((byte) ((fin ? FrameHeader.FIN : 0) | rsv << 4 | opcode));
        int maskBit = masks ? FrameHeader.MASK : 0;
        if (payloadLength <= 125) {
            out.put((byte) (maskBit | payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            out.put((byte) (maskBit | 126));
            FrameHeader.putShort(out, (short) payloadLength);
        } else {
            out.put((byte) (maskBit | 127));
            FrameHeader.putLong(out, payloadLength);
        }
        if (!masks) {
            return 0;
        }
        int key = maskKeys.getAsInt();
        FrameHeader.putInt(out, key);
        return key;
    }

    /**
     * Writes a whole frame, header and payload, consuming {@code payload}. {@code out} must have
     * room for {@link #headerLength} plus the payload.
     */
    public void writeFrame(ByteBuffer out, boolean fin, int rsv, int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        int key = writeHeader(out, fin, rsv, opcode, length);
        if (masks) {
            Masking.maskCopy(payload, out, length, key, 0);
        } else {
            out.put(payload);
        }
    }

    /**
     * Writes a close frame with {@code code} and {@code reason} (RFC 6455 §5.5.1), or an empty one
     * when {@code code} is {@link CloseStatus#NO_STATUS_CODE}.
     */
    public void writeClose(ByteBuffer out, int code, String reason) {
        if (code == CloseStatus.NO_STATUS_CODE) {
            writeFrame(out, true, 0, OpCode.CLOSE, ByteBuffer.allocate(0));
            return;
        }
        if (!CloseStatus.isValidOnWire(code)) {
            throw new IllegalArgumentException("Close code " + code + " may not be sent in a close frame (RFC 6455 §7.4)");
        }
        byte[] reasonBytes = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        if (reasonBytes.length > CloseStatus.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("Close reason of " + reasonBytes.length
                    + " UTF-8 bytes exceeds 123 (RFC 6455 §5.5): " + reason);
        }
        ByteBuffer payload = ByteBuffer.allocate(2 + reasonBytes.length);
        payload.putShort((short) code).put(reasonBytes).flip();
        writeFrame(out, true, 0, OpCode.CLOSE, payload);
    }

    private static void checkHeader(boolean fin, int rsv, int opcode, long payloadLength) {
        if (!OpCode.isDefined(opcode)) {
            throw new IllegalArgumentException("Opcode " + OpCode.name(opcode) + " is reserved (RFC 6455 §5.2)");
        }
        if ((rsv & ~0x7) != 0) {
            throw new IllegalArgumentException("RSV value 0x" + Integer.toHexString(rsv) + " does not fit in the 3 RSV bits");
        }
        if (payloadLength < 0) {
            throw new IllegalArgumentException("Payload length " + payloadLength + " is negative");
        }
        if (OpCode.isControl(opcode)) {
            if (payloadLength > FrameHeader.MAX_CONTROL_PAYLOAD) {
                throw new IllegalArgumentException(OpCode.name(opcode) + " payload of " + payloadLength
                        + " bytes exceeds 125 (RFC 6455 §5.5)");
            }
            if (!fin) {
                throw new IllegalArgumentException(OpCode.name(opcode) + " frame must not be fragmented (RFC 6455 §5.5)");
            }
            if (rsv != 0) {
                throw new IllegalArgumentException(OpCode.name(opcode) + " frame must not set RSV bits, got 0x" + Integer.toHexString(rsv));
            }
        }
    }
}
