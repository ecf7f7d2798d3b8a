// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

/** One whole frame as a listener saw it, its payload in hex: easy to compare and to read in a failure. */
record WireFrame(int opcode, boolean fin, int rsv, String payloadHex) {

    static WireFrame of(int opcode, boolean fin, int rsv, byte[] payload) {
        return new WireFrame(opcode, fin, rsv, Hex.of(payload));
    }

    static WireFrame text(boolean fin, String hex) {
        return new WireFrame(OpCode.TEXT, fin, 0, hex.replace(" ", ""));
    }

    @Override
    public String toString() {
        return OpCode.name(opcode) + (fin ? " fin" : "") + (rsv != 0 ? " rsv=" + rsv : "") + " [" + payloadHex + "]";
    }
}
