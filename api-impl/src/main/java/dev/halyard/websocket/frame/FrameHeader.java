// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Sizes and bits of the frame header (RFC 6455 §5.2), shared by the parser and the writer. */
public final class FrameHeader {

    public static final int FIN = 0x80;
    /** The RSV bits as they appear in a frame's {@code rsv} value (bits 6, 5 and 4 of byte 0, shifted down). */
    public static final int RSV1 = 0x4;
    public static final int RSV2 = 0x2;
    public static final int RSV3 = 0x1;
    public static final int MASK = 0x80;

    /** 2 bytes, an 8-byte extended length and a 4-byte masking key. */
    public static final int MAX_LENGTH = 14;
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private FrameHeader() {
    }

    /** The header length for a payload of {@code payloadLength} bytes. */
    public static int length(long payloadLength, boolean masked) {
        int length = payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? length + 4 : length;
    }

    /**
     * The header length announced by its second byte: 2, plus 2 or 8 for an extended length,
     * plus 4 for a masking key.
     */
    static int lengthFromSecondByte(int b1) {
        int length7 = b1 & 0x7F;
        int length = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
        return (b1 & MASK) != 0 ? length + 4 : length;
    }

    // The wire is big-endian whatever order a caller has set on its buffer (RFC 6455 §5.2).

    static int getUnsignedShort(ByteBuffer buffer, int index) {
        short value = buffer.getShort(index);
        return (buffer.order() == ByteOrder.BIG_ENDIAN ? value : Short.reverseBytes(value)) & 0xFFFF;
    }

    static int getInt(ByteBuffer buffer, int index) {
        int value = buffer.getInt(index);
        return buffer.order() == ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value);
    }

    static long getLong(ByteBuffer buffer, int index) {
        long value = buffer.getLong(index);
        return buffer.order() == ByteOrder.BIG_ENDIAN ? value : Long.reverseBytes(value);
    }

    static void putShort(ByteBuffer buffer, short value) {
        buffer.putShort(buffer.order() == ByteOrder.BIG_ENDIAN ? value : Short.reverseBytes(value));
    }

    static void putInt(ByteBuffer buffer, int value) {
        buffer.putInt(buffer.order() == ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value));
    }

    static void putLong(ByteBuffer buffer, long value) {
        buffer.putLong(buffer.order() == ByteOrder.BIG_ENDIAN ? value : Long.reverseBytes(value));
    }

    /** The longest prefix of {@code text} whose UTF-8 encoding fits in {@code maxBytes}, never splitting a character. */
    static String truncateUtf8(String text, int maxBytes) {
        if (text == null) {
            return "";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // back off to the start of the character that would be cut
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
