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

    boolean isControl() {
        return OpCode.isControl(opcode);
    }
}
