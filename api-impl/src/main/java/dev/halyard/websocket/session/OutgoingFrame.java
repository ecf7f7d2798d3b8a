// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.OpCode;
import java.nio.ByteBuffer;

/** A frame waiting in the {@link SendQueue}, with whoever waits for it to be written. */
final class OutgoingFrame {

    final int opcode;
    final boolean fin;
    final int rsv;
    final ByteBuffer payload;
    final SendCompletion completion;
    /** Whether the payload counts against the backlog bound (data frames from asynchronous sends). */
    final boolean bounded;
    final int length;

    OutgoingFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, SendCompletion completion, boolean bounded) {
        this.opcode = opcode;
        this.fin = fin;
        this.rsv = rsv;
        this.payload = payload;
        this.completion = completion;
        this.bounded = bounded;
        this.length = payload.remaining();
    }

    /**
     * Pings and pongs go ahead of queued data (RFC 6455 §5.4 lets control frames be injected
     * between fragments); a close frame does not, so nothing queued before it is lost.
     */
    boolean jumpsQueue() {
        return opcode == OpCode.PING || opcode == OpCode.PONG;
    }
}
