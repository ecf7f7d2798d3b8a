// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.CloseStatus;

/**
 * The close state machine of a session, without I/O: each event moves it under one lock and returns
 * the {@link Steps} its caller must carry out. Every path out of {@link State#OPEN} tells the
 * endpoint exactly once, so every session ends with exactly one {@code onClose}; see the table in
 * docs/DESIGN.md and {@code SessionLifecycleTest}, which checks every event in every state.
 */
final class SessionLifecycle {

    enum State {
        OPEN,
        /** Our close frame is queued or sent; the peer's is awaited. */
        CLOSING,
        CLOSED
    }

    /** What comes after a close frame has been written (or could not be). */
    enum AfterSend {
        /** Wait for the peer's close frame, then drop the connection (RFC 6455 §7.1.1: the server closes TCP first). */
        AWAIT_PEER,
        /** Drop the connection at once: the handshake is complete, or nothing more can be read. */
        DROP
    }

    /** A close frame to queue: its code (1005 for an empty one) and reason. */
    record CloseFrame(int code, String reason) {
    }

    /**
     * What the caller does, in this order: {@code abortMessage} (release a stream handler waiting
     * for a message that will not finish), {@code dropNow}, {@code send} followed by {@code afterSend},
     * {@code reportError}, then {@code tell} the endpoint onClose with code {@code closeCode} and reason
     * {@code closeReason}.
     */
    record Steps(boolean abortMessage, boolean dropNow, CloseFrame send, AfterSend afterSend, boolean reportError,
            boolean tell, int closeCode, String closeReason) {

        static final Steps NOTHING = new Steps(false, false, null, null, false, false, 0, null);
        static final Steps DROP = new Steps(false, true, null, null, false, false, 0, null);
    }

    /** Written under the lock, read without it on the read loop's path. */
    private volatile State state = State.OPEN;
    /** The application called close(): the session no longer reports itself open. Written under the lock. */
    private volatile boolean closeCalled;
    /** onClose has returned: Session methods throw from now on. Volatile: every Session method reads it. */
    private volatile boolean ended;

    State state() {
        return state;
    }

    /** Whether messages may still be delivered and sent: no close has started. */
    boolean isOpen() {
        return state == State.OPEN;
    }

    /** Session.isOpen(): until the application closes, or until onClose has returned. */
    boolean reportsOpen() {
        return !closeCalled && !ended;
    }

    boolean hasEnded() {
        return ended;
    }

    /** The endpoint's onClose has returned. */
    void ended() {
        ended = true;
    }

    /** The state, and whether close() was called and onClose has returned, for logs. */
    @Override
    public String toString() {
        return state + (closeCalled ? ", close called" : "") + (ended ? ", ended" : "");
    }

    /** Session.close(code, reason): our close frame, then the peer's; the endpoint hears our code. */
    synchronized Steps applicationCloses(int code, String reason) {
        closeCalled = true;
        if (state != State.OPEN) {
            return Steps.NOTHING; // closing a closed session has no effect (java.io.Closeable)
        }
        state = State.CLOSING;
        return new Steps(true, false, new CloseFrame(code, reason), AfterSend.AWAIT_PEER, false, true, code, reason);
    }

    /**
     * The container closes (idle or keepalive timeout, stuck sends, shutdown, a protocol error): the
     * peer gets {@code wireCode}, the endpoint {@code localCode}. With {@code dropAfterSend}, nothing
     * more is read: the connection goes once the frame is out, and at once when already closing.
     */
    synchronized Steps containerCloses(int wireCode, String wireReason, int localCode, String localReason, boolean dropAfterSend) {
        if (state != State.OPEN) {
            return dropAfterSend ? Steps.DROP : Steps.NOTHING;
        }
        state = State.CLOSING;
        return new Steps(true, false, new CloseFrame(wireCode, wireReason), dropAfterSend ? AfterSend.DROP : AfterSend.AWAIT_PEER,
                false, true, localCode, localReason);
    }

    /**
     * The peer's close frame: when open, echo its code and drop the connection once ours is out (RFC
     * 6455 §5.5.1), the endpoint hearing the peer's code; when closing, it answers ours and the
     * handshake is complete.
     */
    synchronized Steps peerCloses(int code, String reason) {
        if (state != State.OPEN) {
            state = State.CLOSED;
            return Steps.DROP;
        }
        state = State.CLOSED;
        return new Steps(true, false, new CloseFrame(code, ""), AfterSend.DROP, false, true, code, reason);
    }

    /**
     * The connection ended without a close handshake, or failed: drop it; an open session reports the
     * error, if any, to onError and 1006 to onClose.
     */
    synchronized Steps connectionLost(boolean withError, String reason) {
        State previous = state;
        state = State.CLOSED;
        if (previous == State.CLOSED) {
            return new Steps(true, true, null, null, false, false, 0, null);
        }
        boolean wasOpen = previous == State.OPEN;
        return new Steps(true, true, null, null, withError && wasOpen, wasOpen, CloseStatus.CLOSED_ABNORMALLY, reason);
    }
}
