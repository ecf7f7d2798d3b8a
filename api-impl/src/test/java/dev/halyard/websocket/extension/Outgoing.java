// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import dev.halyard.websocket.frame.FrameListener;
import dev.halyard.websocket.frame.ProtocolException;
import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

/**
 * Sends frames through outgoing extensions as the session's sender does, one whole frame at a
 * time, and hands what comes out to a listener; control frames pass by the extensions.
 */
final class Outgoing implements FrameListener {

    private final UnaryOperator<OutgoingData> extensions;
    private final FrameListener wire;

    private Outgoing(UnaryOperator<OutgoingData> extensions, FrameListener wire) {
        this.extensions = extensions;
        this.wire = wire;
    }

    static FrameListener through(UnaryOperator<OutgoingData> extensions, FrameListener wire) {
        return new Outgoing(extensions, wire);
    }

    @Override
    public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
        OutgoingData out = extensions.apply(new OutgoingData(opcode, fin, rsv, payload));
        wire.onDataFrame(out.opcode(), out.fin(), out.rsv(), out.payload(), frameEnd);
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException {
        wire.onControlFrame(opcode, payload);
    }
}
