// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

/**
 * The defaults of every session setting, in one place; the README lists them. Containers pass
 * their own values through {@link SessionConfig}.
 */
public final class SessionDefaults {

    /** Largest whole text message buffered for a handler, in UTF-8 bytes (Session.setMaxTextMessageBufferSize). */
    public static final int MAX_TEXT_MESSAGE_BYTES = 64 * 1024;
    /** Largest whole binary message buffered for a handler, in bytes. */
    public static final int MAX_BINARY_MESSAGE_BYTES = 64 * 1024;
    /** Idle timeout; zero or negative means none (Jakarta's default). */
    public static final long MAX_IDLE_TIMEOUT_MILLIS = 0;
    /** Asynchronous send timeout; zero or negative means none. -1, as Jakarta WebSocket 2.3 says (COMPATIBILITY.md C21). */
    public static final long ASYNC_SEND_TIMEOUT_MILLIS = -1;
    /** How long a blocking send, ping or flush waits before failing and closing the session. */
    public static final long BLOCKING_SEND_TIMEOUT_MILLIS = 30_000;
    /**
     * Bytes of asynchronous messages that may wait unsent for one session before further sends fail
     * at once (one message always fits an empty queue); 1 MiB, so that thousands of peers that do not
     * read stay within the container's budget ({@link SendBudget#defaultLimit()}, a quarter of the heap).
     */
    public static final long MAX_SEND_BACKLOG_BYTES = 1024 * 1024;
    /** How long to wait for the peer's close frame after sending ours before dropping the connection. */
    public static final long CLOSE_HANDSHAKE_TIMEOUT_MILLIS = 5_000;

    /**
     * After this long without a frame from the peer, the container pings it; 0 turns keepalive off.
     * 30 s keeps a connection alive through proxies and load balancers that drop idle ones after
     * 60 s (nginx's and AWS's defaults), and finds a peer that vanished without closing.
     */
    public static final long KEEP_ALIVE_INTERVAL_MILLIS = 30_000;
    /** How long a peer has to show life (any frame) after a keepalive ping before its session is closed. */
    public static final long KEEP_ALIVE_TIMEOUT_MILLIS = 30_000;

    /** With permessage-deflate, whole messages shorter than this go out uncompressed; 0 compresses all but empty ones. */
    public static final int DEFLATE_THRESHOLD_BYTES = 0;

    private SessionDefaults() {
    }
}
