// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import dev.halyard.websocket.frame.FrameListener;

/**
 * A negotiated extension as the frame engine sees it (RFC 6455 §9): it may claim RSV bits and
 * transform payloads in both directions: incoming by decorating the parser's frame chain,
 * outgoing frame by frame.
 *
 * <p>An extension that changes payload sizes checks the size of what it produces against the
 * message limits: the parser's own limit applies only to messages that no extension transformed.
 * An instance serves one connection.
 */
public interface Extension {

    /** The extension token, e.g. {@code permessage-deflate}. */
    String name();

    /** The RSV bits ({@code FrameHeader.RSV1} and so on) this extension gives meaning to on data frames. */
    int rsvBits();

    /**
     * Decorates the incoming chain: frames from the parser (or from the extension negotiated
     * after this one) arrive at the returned listener, which passes its results to {@code next}
     * with its own RSV bits cleared.
     */
    FrameListener inbound(FrameListener next);

    /**
     * What this extension makes of one outgoing data frame (from the application, or from the
     * extension negotiated before this one): the frame itself when it leaves it alone, otherwise a
     * new one with its RSV bits set where it transformed it. Called with whole frames, in send
     * order, by one thread at a time; control frames never pass through.
     */
    OutgoingData outgoing(OutgoingData frame);

    /**
     * Whether what it makes of an outgoing message depends on the messages before it, so that a
     * message may not be dropped once it passed through (compression with context takeover).
     */
    default boolean keepsOutgoingState() {
        return false;
    }

    /** Releases what the extension holds (native zlib memory, say). Called once, on every close path. */
    void release();
}
