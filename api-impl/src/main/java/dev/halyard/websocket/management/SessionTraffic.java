// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

import java.util.Map;

/**
 * The attributes every Halyard MBean has: what the sessions it covers (an endpoint's, a web
 * application's, a client container's) have done since they started counting. Message and byte
 * counts are of frames as on the wire: payload bytes without headers, compressed when
 * permessage-deflate applies; a continuation frame counts as the kind of its message, each
 * control frame (ping, pong, close) as one. The maps are keyed by close code.
 */
public interface SessionTraffic {

    /** Sessions open now. */
    long getOpenSessions();

    long getSessionsOpened();

    long getSessionsClosed();

    /**
     * Closed sessions by the code of the close frame that closed them, whichever side sent it
     * first (so an idle timeout counts as 1001, though the endpoint's onClose hears 1006); 1006 for
     * a connection that ended without one, 1005 for a peer's close frame without a code.
     */
    Map<Integer, Long> getClosesByCode();

    long getTextMessagesIn();

    long getBinaryMessagesIn();

    long getControlFramesIn();

    long getTextBytesIn();

    long getBinaryBytesIn();

    long getControlBytesIn();

    long getTextMessagesOut();

    long getBinaryMessagesOut();

    long getControlFramesOut();

    long getTextBytesOut();

    long getBinaryBytesOut();

    long getControlBytesOut();

    /** Bytes of asynchronous messages accepted and not yet written, summed over the open sessions now. */
    long getBytesUnsent();

    /** The most bytes of asynchronous messages one session has had waiting unsent at once. */
    long getLargestBacklog();

    /** Frames refused (send backlog full, session closing) or failed with their connection. */
    long getSendFailures();

    /** Sends, blocking or asynchronous, not written within their send timeout. */
    long getSendTimeouts();

    /** Protocol errors of the peers, by the code the session was closed with (1002, 1007, 1009...). */
    Map<Integer, Long> getProtocolErrorsByCode();
}
