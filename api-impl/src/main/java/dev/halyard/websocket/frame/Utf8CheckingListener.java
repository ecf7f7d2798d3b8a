// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.nio.ByteBuffer;

/**
 * Fails a text message at its first byte that is not well-formed UTF-8 (1007, RFC 6455 §8.1),
 * even when the bad sequence is split across frames, and a text message that ends inside a
 * character. It sits after the extensions in the inbound chain, so it sees the bytes the
 * application will see, and passes everything on unchanged.
 */
public final class Utf8CheckingListener implements FrameListener {

    private final FrameListener next;
    private final Utf8Validator validator = new Utf8Validator();
    private boolean inText;
    private boolean midFrame;
    private long messageOffset;

    public Utf8CheckingListener(FrameListener next) {
        this.next = next;
    }

    @Override
    public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd)
            throws ProtocolException {
        if (opcode != OpCode.CONTINUATION && !midFrame) {
            inText = opcode == OpCode.TEXT;
            messageOffset = 0;
            validator.reset();
        }
        if (inText) {
            int bad = validator.validate(payload);
            if (bad >= 0) {
                throw new ProtocolException(CloseStatus.NOT_CONSISTENT, "Text message is not valid UTF-8 at byte "
                        + (messageOffset + bad - payload.position()) + " (RFC 6455 §8.1)");
            }
            messageOffset += payload.remaining();
            if (fin && frameEnd && !validator.isComplete()) {
                throw new ProtocolException(CloseStatus.NOT_CONSISTENT,
                        "Text message ends inside a UTF-8 character (RFC 6455 §8.1)");
            }
        }
        midFrame = !frameEnd;
        next.onDataFrame(opcode, fin, rsv, payload, frameEnd);
    }

    @Override
    public void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException {
        next.onControlFrame(opcode, payload);
    }
}
