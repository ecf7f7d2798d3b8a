// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

import dev.halyard.websocket.handshake.ExtensionHeader;
import dev.halyard.websocket.session.SessionSnapshot;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One line of an endpoint's session list ({@link EndpointMXBean#listSessions}): an MXBean maps it to
 * a {@code CompositeData} with these items, which jconsole shows as a table.
 */
public final class SessionInfo {

    private final String id;
    private final String remoteAddress;
    private final long ageMillis;
    private final long idleMillis;
    private final long bytesUnsent;
    private final String extensions;
    private final String subprotocol;

    @javax.management.ConstructorParameters({"id", "remoteAddress", "ageMillis", "idleMillis", "bytesUnsent", "extensions",
        "subprotocol"})
    public SessionInfo(String id, String remoteAddress, long ageMillis, long idleMillis, long bytesUnsent, String extensions,
            String subprotocol) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.ageMillis = ageMillis;
        this.idleMillis = idleMillis;
        this.bytesUnsent = bytesUnsent;
        this.extensions = extensions;
        this.subprotocol = subprotocol;
    }

    static SessionInfo of(SessionSnapshot snapshot) {
        return new SessionInfo(snapshot.id(), address(snapshot.remoteAddress()), snapshot.ageMillis(), snapshot.idleMillis(),
                snapshot.unsentBytes(), java.util.Objects.requireNonNullElse(ExtensionHeader.format(snapshot.extensions()), ""),
                snapshot.subprotocol());
    }

    /** host:port, without the name lookup or the "/" of {@code InetSocketAddress.toString}; "" when unknown. */
    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return address == null ? "" : address.toString();
    }

    public String getId() {
        return id;
    }

    /** The peer's address and port, as the server (or client) socket sees it; "" when unknown. */
    public String getRemoteAddress() {
        return remoteAddress;
    }

    public long getAgeMillis() {
        return ageMillis;
    }

    /** Since a frame was last read or written. */
    public long getIdleMillis() {
        return idleMillis;
    }

    /** Bytes of asynchronous messages accepted and not yet written. */
    public long getBytesUnsent() {
        return bytesUnsent;
    }

    /** The negotiated extensions, as in the handshake's header; "" for none. */
    public String getExtensions() {
        return extensions;
    }

    /** The negotiated subprotocol; "" for none. */
    public String getSubprotocol() {
        return subprotocol;
    }

    @Override
    public String toString() {
        return id + " " + remoteAddress + ", " + ageMillis + " ms old, idle " + idleMillis + " ms, " + bytesUnsent + " bytes unsent"
                + (extensions.isEmpty() ? "" : ", " + extensions) + (subprotocol.isEmpty() ? "" : ", subprotocol " + subprotocol);
    }
}
