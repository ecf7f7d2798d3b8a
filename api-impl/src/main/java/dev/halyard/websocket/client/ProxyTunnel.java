// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import dev.halyard.websocket.handshake.HeaderText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The tunnel through an HTTP proxy to the server (RFC 9110 §9.3.6), when the default
 * {@link ProxySelector} names one for the connection: the CONNECT request and, when the proxy
 * answers 407, one more try on a new connection with the configured proxy credentials. SOCKS
 * proxies are not used. One instance serves the attempts of one connection to one server.
 */
final class ProxyTunnel {

    private final InetSocketAddress proxy;
    /** host:port of the server, for CONNECT and Host, IPv6 literals in brackets. */
    private final String authority;
    private final ClientSettings settings;
    /** The answer to the proxy's challenge once it asked; sent with every later CONNECT. */
    private String authorization;

    private ProxyTunnel(InetSocketAddress proxy, String authority, ClientSettings settings) {
        this.proxy = proxy;
        this.authority = authority;
        this.settings = settings;
    }

    /** The tunnel to {@code uri}'s server on {@code port}, or null to connect directly. */
    static ProxyTunnel to(URI uri, boolean secure, int port, ClientSettings settings) {
        InetSocketAddress proxy = proxyFor(uri, secure);
        return proxy == null ? null : new ProxyTunnel(proxy, uri.getHost() + ":" + port, settings);
    }

    /** Where to connect the socket the tunnel is asked for on. */
    InetSocketAddress proxy() {
        return proxy;
    }

    /**
     * Asks the proxy for the tunnel on {@code socket}, connected to it.
     *
     * @return true when the tunnel is open; false when the proxy asked for credentials that the
     *     next try, on a new connection, sends
     * @throws HandshakeException when the proxy refused the tunnel
     */
    boolean open(ConnectingSocket socket, Deadline deadline) throws IOException, HandshakeException {
        String request = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n"
                + (authorization == null ? "" : "Proxy-Authorization: " + authorization + "\r\n") + "\r\n";
        socket.writeFully(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)),
                deadline.doing("asking the proxy for a tunnel"));
        HttpResponseHead response = HttpResponseHead.read(socket, deadline.doing("waiting for the proxy's answer"));
        if (response.status() / 100 == 2) {
            if (socket.unreadBytes() > 0) {
                // Nothing has been sent to the server yet, so these can only be the proxy's: never the server's answer.
                throw new ProtocolException("The proxy sent " + socket.unreadBytes() + " more bytes after its " + response.status()
                        + " answer to CONNECT, before the server could have said anything; the tunnel is refused");
            }
            return true;
        }
        if (authorization == null && settings.hasProxyCredentials()) { // a 407's challenge, answered once
            try {
                authorization = HttpAuthentication.answer(response.headerValues("Proxy-Authenticate"), settings.proxyUser(),
                        settings.proxyPassword(), "CONNECT", authority);
            } catch (IllegalArgumentException e) {
                throw new HandshakeException("The proxy's authentication challenge is malformed: " + e.getMessage(),
                        response.status(), response.headers());
            }
            if (authorization != null) {
                return false;
            }
        }
        throw new HandshakeException("The proxy " + proxy + " refused to open a tunnel to " + authority + ": " + response.status()
                + " " + HeaderText.printable(response.reason())
                + (response.status() == 407 && !settings.hasProxyCredentials() ? "; set " + ClientSettings.PROXY_USER + " and "
                        + ClientSettings.PROXY_PASSWORD : ""), response.status(), response.headers());
    }

    /** The HTTP proxy the default selector names for {@code uri}, or null. */
    private static InetSocketAddress proxyFor(URI uri, boolean secure) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        List<Proxy> proxies;
        try {
            // Proxies are configured for http and https; a WebSocket connection is one of those (RFC 6455 §4.1).
            proxies = selector.select(new URI(secure ? "https" : "http", null, uri.getHost(), uri.getPort(), "/", null, null));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        for (Proxy proxy : proxies) {
            if (proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress) {
                InetSocketAddress address = (InetSocketAddress) proxy.address();
                return address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
            }
        }
        return null;
    }
}
