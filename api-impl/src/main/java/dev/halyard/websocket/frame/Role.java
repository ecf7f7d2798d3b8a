// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

/** Which end of the connection this is; it decides who masks (RFC 6455 §5.1). */
public enum Role {
    /** Masks every frame it sends and rejects masked frames it receives. */
    CLIENT,
    /** Sends unmasked frames and rejects unmasked frames it receives. */
    SERVER;

    /** Whether frames this end sends are masked. */
    public boolean masksOutgoing() {
        return this == CLIENT;
    }

    /** Whether frames this end receives must be masked. */
    public boolean expectsMaskedIncoming() {
        return this == SERVER;
    }
}
