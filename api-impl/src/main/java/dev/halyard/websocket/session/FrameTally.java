// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.FrameListener;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Counts one direction of one connection's frames into plain fields, and adds them to the shared
 * {@link SessionStatistics.Flow} in one step ({@link #publish}): after each read, after each
 * gathering write. So the shared counters are touched per read or write, not per frame.
 *
 * <p>One thread at a time: the read loop (incoming), or whichever thread finishes a write (outgoing,
 * one write at a time).
 */
final class FrameTally {

    private static final int TEXT = SessionStatistics.Kind.TEXT.ordinal();
    private static final int BINARY = SessionStatistics.Kind.BINARY.ordinal();
    private static final int CONTROL = SessionStatistics.Kind.CONTROL.ordinal();

    private final SessionStatistics.Flow flow;
    private final long[] messages = new long[3];
    private final long[] bytes = new long[3];
    /** The kind of the data message in progress: a continuation frame is counted as its message. */
    private int messageKind = TEXT;

    FrameTally(SessionStatistics.Flow flow) {
        this.flow = flow;
    }

    /**
     * A data frame, or a piece of one, of {@code length} payload bytes.
     *
     * @param messageEnd whether it ends its message (the last piece of a final frame)
     */
    void data(int opcode, boolean messageEnd, int length) {
        if (opcode != OpCode.CONTINUATION) {
            messageKind = opcode == OpCode.BINARY ? BINARY : TEXT;
        }
        bytes[messageKind] += length;
        if (messageEnd) {
            messages[messageKind]++;
        }
    }

    void control(int length) {
        bytes[CONTROL] += length;
        messages[CONTROL]++;
    }

    /** Counts whole frames just written, and publishes them. */
    void written(java.util.List<OutgoingFrame> frames) {
        for (int i = 0; i < frames.size(); i++) { // no iterator: once per write
            OutgoingFrame frame = frames.get(i);
            if (frame.jumpsQueue() || frame.opcode == OpCode.CLOSE) {
                control(frame.length);
            } else {
                data(frame.opcode, frame.fin, frame.length);
            }
        }
        publish();
    }

    /** Adds what was counted since the last call to the shared statistics. */
    void publish() {
        for (int kind = 0; kind < 3; kind++) {
            if (bytes[kind] != 0 || messages[kind] != 0) {
                flow.bytes[kind].add(bytes[kind]);
                flow.messages[kind].add(messages[kind]);
                bytes[kind] = 0;
                messages[kind] = 0;
            }
        }
    }

    /** Counts the frames the parser hands {@code next}: as they came on the wire, before any extension. */
    FrameListener counting(FrameListener next) {
        return new FrameListener() {
            @Override
            public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
                data(opcode, fin && frameEnd, payload.remaining());
                next.onDataFrame(opcode, fin, rsv, payload, frameEnd);
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException {
                control(payload.remaining());
                next.onControlFrame(opcode, payload);
            }
        };
    }
}
