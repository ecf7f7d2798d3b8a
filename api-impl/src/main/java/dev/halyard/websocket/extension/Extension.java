package dev.halyard.websocket.extension;

import dev.halyard.websocket.frame.FrameListener;

/**
 * A negotiated extension as the frame engine sees it (RFC 6455 §9): it may claim RSV bits and
 * transform payloads in both directions by decorating the frame chain.
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
     * Decorates the outgoing chain: frames from the application (or from the extension
     * negotiated before this one) arrive at the returned listener, which passes whole frames,
     * with its RSV bits set where it transformed them, to {@code next}.
     */
    FrameListener outbound(FrameListener next);

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
