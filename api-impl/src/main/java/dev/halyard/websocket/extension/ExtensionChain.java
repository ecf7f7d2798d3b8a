// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import dev.halyard.websocket.frame.FrameListener;
import java.util.List;

/**
 * The negotiated extensions of one connection, in the order of the {@code Sec-WebSocket-Extensions}
 * response header. Outgoing data passes through them in that order and incoming data in reverse
 * (RFC 6455 §9.1).
 */
public final class ExtensionChain {

    private final List<Extension> extensions;
    private final int rsvBits;

    /** @throws IllegalArgumentException when two extensions claim the same RSV bit */
    public ExtensionChain(List<Extension> extensions) {
        this.extensions = List.copyOf(extensions);
        int claimed = 0;
        for (Extension extension : this.extensions) {
            int bits = extension.rsvBits();
            if ((claimed & bits) != 0) {
                throw new IllegalArgumentException("Extension " + extension.name() + " claims RSV bits 0x"
                        + Integer.toHexString(claimed & bits) + " that an earlier extension already claims");
            }
            claimed |= bits;
        }
        this.rsvBits = claimed;
    }

    public List<Extension> extensions() {
        return extensions;
    }

    /** Whether an outgoing message changes what later ones become (compression with context takeover). */
    public boolean keepsOutgoingState() {
        return extensions.stream().anyMatch(Extension::keepsOutgoingState);
    }

    /** Every RSV bit the chain claims: what the parser must allow. */
    public int rsvBits() {
        return rsvBits;
    }

    /** The listener the parser should feed: the last extension first, {@code terminal} at the end. */
    public FrameListener inbound(FrameListener terminal) {
        FrameListener chain = terminal;
        for (Extension extension : extensions) {
            chain = extension.inbound(chain);
        }
        return chain;
    }

    /** What the extensions make of one outgoing data frame, the first extension first. */
    public OutgoingData outgoing(OutgoingData frame) {
        OutgoingData result = frame;
        for (Extension extension : extensions) {
            result = extension.outgoing(result);
        }
        return result;
    }

    /** Releases every extension, even when one of them fails to. */
    public void release() {
        RuntimeException failure = null;
        for (Extension extension : extensions) {
            try {
                extension.release();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
