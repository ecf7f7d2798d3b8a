// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

/**
 * Frame opcodes (RFC 6455 §5.2). Plain {@code int} constants rather than an enum so the parser
 * can switch on the wire value without a lookup.
 */
public final class OpCode {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private OpCode() {
    }

    /** Control frames have the high bit of the 4-bit opcode set (RFC 6455 §5.5). */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** Whether RFC 6455 defines this opcode; 0x3-0x7 and 0xB-0xF are reserved. */
    public static boolean isDefined(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }

    /** A name for messages and logs, e.g. {@code "TEXT"} or {@code "0x3"}. */
    public static String name(int opcode) {
        switch (opcode) {
            case CONTINUATION: return "CONTINUATION";
            case TEXT: return "TEXT";
            case BINARY: return "BINARY";
            case CLOSE: return "CLOSE";
            case PING: return "PING";
            case PONG: return "PONG";
            default: return "0x" + Integer.toHexString(opcode).toUpperCase(java.util.Locale.ROOT);
        }
    }
}
