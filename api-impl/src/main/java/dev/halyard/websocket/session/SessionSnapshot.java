// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import jakarta.websocket.Extension;
import java.net.SocketAddress;
import java.util.List;

/**
 * One open session as an operator sees it, read at one moment.
 *
 * @param remoteAddress the peer's address, or null when the transport does not know it
 * @param idleMillis since a frame was last read or written (what the idle timeout measures)
 * @param unsentBytes asynchronous messages accepted and not yet written
 */
public record SessionSnapshot(String id, SocketAddress remoteAddress, long ageMillis, long idleMillis, long unsentBytes,
        List<Extension> extensions, String subprotocol) {
}
