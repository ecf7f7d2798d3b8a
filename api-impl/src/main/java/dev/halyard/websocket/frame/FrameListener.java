// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.nio.ByteBuffer;

/**
 * Receives frames in order, one call at a time. The parser calls it with what arrives from the
 * peer; extensions and validators are listeners that decorate the next one; on the way out, the
 * same interface carries frames from the message layer through the extensions to the writer.
 *
 * <p>Payload buffers are lent for the duration of the call: read {@code [position, limit)} and
 * copy what must be kept. Incoming payloads are already unmasked.
 */
public interface FrameListener {

    /**
     * A piece of a data frame: {@link OpCode#TEXT}, {@link OpCode#BINARY} or
     * {@link OpCode#CONTINUATION}. An incoming frame may come in several pieces as its bytes
     * arrive, all with the same header values; {@code frameEnd} marks the frame's last piece. A
     * frame with an empty payload comes as one empty piece. Outgoing frames are always whole
     * ({@code frameEnd} is true), because the writer must know the length before the header.
     *
     * @param fin whether this frame ends its message
     * @param rsv the frame's RSV bits, {@link FrameHeader#RSV1} and so on
     */
    void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd)
            throws ProtocolException;

    /**
     * A whole control frame: {@link OpCode#PING}, {@link OpCode#PONG} or {@link OpCode#CLOSE},
     * with at most 125 payload bytes. A close frame's code and reason have already been checked.
     */
    void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException;
}
