// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import jakarta.websocket.Session;
import java.io.IOException;

/**
 * What the send path ({@link Outbound}, {@link BasicRemote}, {@link AsyncRemote}) needs of its
 * session, and no more: whether it may send, how objects are encoded, how long a blocking send
 * may wait, and what happens when a send times out half written.
 */
interface SendContext {

    /** Throws the {@link IOException} the spec asks of send methods once the session is closing or closed. */
    void checkOpen() throws IOException;

    ObjectEncoder encoder();

    /** How long a blocking send, or a sender waiting for another thread's partial message, may wait. */
    long blockingSendTimeoutMillis();

    /** A send timed out with its frame possibly half written: the session cannot go on. */
    void failAfterSendTimeout(IOException timeout);

    /** The session a {@code SendResult} names. */
    Session session();
}
