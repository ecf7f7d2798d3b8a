// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Takes the pieces of one incoming message and hands the application what its handler asks for.
 * One sink per handler shape (whole text, partial binary, stream...), chosen when the handler is
 * registered; the sink picked at a message's first piece serves the whole message.
 */
interface MessageSink {

    /**
     * A piece of the message, lent for the duration of the call.
     *
     * @param last whether this piece ends the message
     */
    void accept(ByteBuffer piece, boolean last) throws ProtocolException;

    /** The connection is closing in the middle of a message: release anything waiting for more. */
    default void abort(IOException cause) {
    }
}
