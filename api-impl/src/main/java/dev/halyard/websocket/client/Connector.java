// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import dev.halyard.websocket.handshake.HeaderText;
import dev.halyard.websocket.io.SelectorLoop;
import jakarta.websocket.ClientEndpointConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * Opens a WebSocket connection: the TCP connect (through a {@link ProxyTunnel} when the default
 * {@link java.net.ProxySelector} names an HTTP proxy), TLS for wss, and the HTTP upgrade, answering
 * a 401 with the configured credentials and following redirects, each step on a
 * {@link ConnectingSocket}. Every attempt has its own deadlines, within one for the whole connect.
 * The socket of the attempt that succeeds becomes the session's {@link SocketTransport}.
 */
final class Connector {

    /** An open connection whose handshake succeeded. */
    record Established(SocketTransport transport, URI uri, ClientHandshake.Agreed agreed) {
    }

    private final ClientEndpointConfig config;
    private final ClientSettings settings;
    private final SelectorLoop loop;
    private final Executor executor;
    private final Executor writeExecutor;

    Connector(ClientEndpointConfig config, ClientSettings settings, SelectorLoop loop, Executor executor, Executor writeExecutor) {
        this.config = config;
        this.settings = settings;
        this.loop = loop;
        this.executor = executor;
        this.writeExecutor = writeExecutor;
    }

    /**
     * Connects to {@code uri}, following redirects and answering a 401 as the settings allow, all
     * within {@link ClientSettings#connectToServerTimeoutMillis()}.
     */
    Established connect(URI uri) throws IOException, HandshakeException {
        Deadline whole = Deadline.in(settings.connectToServerTimeoutMillis(), ClientSettings.CONNECT_TO_SERVER_TIMEOUT,
                "connecting, with redirects and authentication");
        URI current = uri;
        String authorization = null;
        int redirects = 0;
        while (true) {
            Attempt attempt = open(current, whole);
            ClientHandshake handshake = null;
            boolean established = false;
            try {
                handshake = new ClientHandshake(current, config, authorization);
                attempt.socket.writeFully(handshake.request(), attempt.deadline.doing("sending the handshake request"));
                HttpResponseHead response = HttpResponseHead.read(attempt.socket,
                        attempt.deadline.doing("waiting for the handshake response"));
                if (response.status() != 101) {
                    handshake.answered(response.headers()); // a refusal, or a step to take before asking again
                }
                if (response.status() == 401) {
                    if (authorization == null && settings.hasCredentials()) {
                        authorization = credentials(uri, current, response, handshake.target());
                        continue;
                    }
                    throw new HandshakeException(unauthorized(response, authorization != null), 401, response.headers());
                }
                if (isRedirect(response.status()) && response.header("Location") != null) {
                    if (++redirects > settings.maxRedirects()) {
                        throw new HandshakeException("Gave up after " + settings.maxRedirects() + " redirects (the limit, "
                                + ClientSettings.MAX_REDIRECTS + "); the last pointed to "
                                + HeaderText.printable(response.header("Location")), response.status(), response.headers());
                    }
                    current = redirectTarget(current, response, settings.allowInsecureRedirects());
                    authorization = null;
                    continue;
                }
                ClientHandshake.Agreed agreed = handshake.accept(response);
                SocketTransport transport = attempt.socket.establish(executor, writeExecutor);
                established = true;
                return new Established(transport, current, agreed);
            } catch (IOException e) {
                failed(handshake, e);
                throw withContext(e, current);
            } catch (HandshakeException | RuntimeException e) {
                failed(handshake, e);
                throw e;
            } finally {
                if (!established) {
                    attempt.socket.close();
                }
            }
        }
    }

    /** A request that got no answer still ends with the configurator's {@code afterResponse} (C20). */
    private static void failed(ClientHandshake handshake, Exception e) {
        if (handshake != null) {
            handshake.failed(e);
        }
    }

    /**
     * The Authorization answering a 401 from {@code current}. Credentials go only to the origin they
     * were configured for, the one {@code connectToServer} was given (as browsers and Java's
     * HttpClient keep them), and Basic, which sends the password itself, never in the clear unless
     * {@link ClientSettings#ALLOW_BASIC_OVER_PLAINTEXT} says so.
     */
    private String credentials(URI configuredFor, URI current, HttpResponseHead response, String target) throws HandshakeException {
        if (!sameOrigin(configuredFor, current)) {
            throw new HandshakeException("The server at " + origin(current) + " asks for credentials (401) after a redirect, "
                    + "but " + ClientSettings.USER + " is configured for " + origin(configuredFor)
                    + "; credentials are never sent to another origin", 401, response.headers());
        }
        String answer;
        try {
            answer = HttpAuthentication.answer(response.headerValues("WWW-Authenticate"), settings.user(), settings.password(),
                    "GET", target);
        } catch (IllegalArgumentException e) {
            throw new HandshakeException("The server's authentication challenge is malformed: " + e.getMessage(), 401,
                    response.headers());
        }
        if (answer == null) {
            throw new HandshakeException(unauthorized(response, false), 401, response.headers());
        }
        if (answer.startsWith("Basic ") && !isSecure(current) && !settings.allowBasicOverPlaintext()) {
            throw new HandshakeException("The server at " + origin(current) + " offers only Basic authentication, which would "
                    + "send the password in the clear over ws; use wss, or set " + ClientSettings.ALLOW_BASIC_OVER_PLAINTEXT
                    + " to allow it", 401, response.headers());
        }
        return answer;
    }

    private record Attempt(ConnectingSocket socket, Deadline deadline) {
    }

    /** TCP, the proxy's tunnel and TLS; what follows must finish by the returned deadline. */
    private Attempt open(URI uri, Deadline whole) throws IOException, HandshakeException {
        boolean secure = isSecure(uri);
        String host = bare(uri.getHost());
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        ProxyTunnel tunnel = ProxyTunnel.to(uri, secure, port, settings);
        while (true) {
            if (whole.nanosLeft() <= 0) {
                throw withContext(new SocketTimeoutException(whole.timedOut()), uri);
            }
            InetSocketAddress target = tunnel != null ? tunnel.proxy() : new InetSocketAddress(host, port);
            if (target.isUnresolved()) {
                throw withContext(new UnknownHostException("Unknown host " + target.getHostString()), uri);
            }
            ConnectingSocket socket;
            try {
                socket = ConnectingSocket.connect(loop, target,
                        Deadline.in(settings.connectTimeoutMillis(), ClientSettings.CONNECT_TIMEOUT, "connecting to " + target)
                                .earliest(whole));
            } catch (IOException e) {
                throw withContext(e, uri);
            }
            boolean ready = false;
            try {
                Deadline deadline = Deadline.in(settings.handshakeTimeoutMillis(), ClientSettings.HANDSHAKE_TIMEOUT,
                        "opening the WebSocket connection").earliest(whole);
                if (tunnel != null && !tunnel.open(socket, deadline)) {
                    continue; // the proxy asked for credentials: try once more on a new connection, with them
                }
                if (secure) {
                    socket.startTls(tlsEngine(host, port), deadline);
                }
                ready = true;
                return new Attempt(socket, deadline);
            } catch (IOException e) {
                throw withContext(e, uri);
            } finally {
                if (!ready) {
                    socket.close();
                }
            }
        }
    }

    private SSLEngine tlsEngine(String host, int port) throws IOException {
        SSLContext context = config.getSSLContext();
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new SSLException("No default TLS context is available: " + e.getMessage(), e);
            }
        }
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (settings.verifyHostname()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The ws or wss URI a redirect points to, resolved against the request's URI. From wss, a
     * plaintext target is refused unless {@code allowInsecure}: Java's HttpClient never follows
     * https to http, and a downgrade would expose the session and any credentials.
     */
    private static URI redirectTarget(URI current, HttpResponseHead response, boolean allowInsecure) throws HandshakeException {
        String location = HeaderText.printable(response.header("Location"));
        try {
            String raw = response.header("Location");
            String scheme = current.getScheme().toLowerCase(Locale.ROOT);
            URI base = new URI((scheme.equals("wss") ? "https" : "http") + current.toString().substring(scheme.length()));
            URI resolved = base.resolve(new URI(raw));
            String target = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            String mapped = switch (target) {
                case "http", "ws" -> "ws";
                case "https", "wss" -> "wss";
                default -> null;
            };
            if (mapped == null || resolved.getHost() == null) {
                throw new HandshakeException("The server redirected the handshake to " + location
                        + ", which is not an http, https, ws or wss URI", response.status(), response.headers());
            }
            if (isSecure(current) && mapped.equals("ws") && !allowInsecure) {
                throw new HandshakeException("The server redirected the wss handshake to " + location + ", which is not "
                        + "encrypted; a redirect never leaves TLS unless " + ClientSettings.ALLOW_INSECURE_REDIRECTS
                        + " allows it", response.status(), response.headers());
            }
            return new URI(mapped + resolved.toString().substring(target.length()));
        } catch (URISyntaxException e) {
            throw new HandshakeException("The server redirected the handshake to a malformed URI: " + location,
                    response.status(), response.headers());
        }
    }

    private static String unauthorized(HttpResponseHead response, boolean triedCredentials) {
        String challenge = HeaderText.printable(response.headerValues("WWW-Authenticate").toString());
        if (triedCredentials) {
            return "The server refused the configured credentials (" + ClientSettings.USER + "): 401 "
                    + HeaderText.printable(response.reason());
        }
        return "The server requires authentication (401 " + HeaderText.printable(response.reason()) + ", challenges " + challenge + ")"
                + ", and " + ClientSettings.USER + " and " + ClientSettings.PASSWORD + " are not both set or name no "
                + "scheme the client supports (Basic, Digest)";
    }

    private static boolean isSecure(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    /** scheme://host:port, with the scheme's default port filled in, as RFC 6454 compares origins. */
    private static String origin(URI uri) {
        boolean secure = isSecure(uri);
        return (secure ? "wss" : "ws") + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":"
                + (uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return origin(a).equals(origin(b));
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** The same kind of exception, saying which connection failed. */
    static IOException withContext(IOException e, URI uri) {
        String prefix = "Cannot connect to " + uri + ": ";
        if (e.getMessage() != null && e.getMessage().startsWith("Cannot connect to ")) {
            return e;
        }
        String message = prefix + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        IOException wrapped;
        if (e instanceof SocketTimeoutException) {
            wrapped = new SocketTimeoutException(message);
        } else if (e instanceof ConnectException) {
            wrapped = new ConnectException(message);
        } else if (e instanceof UnknownHostException) {
            wrapped = new UnknownHostException(message);
        } else if (e instanceof SSLHandshakeException) {
            wrapped = new SSLHandshakeException(prefix + "the TLS handshake failed: " + e.getMessage());
        } else if (e instanceof SSLException) {
            wrapped = new SSLException(message);
        } else {
            wrapped = new IOException(message);
        }
        wrapped.initCause(e);
        return wrapped;
    }
}
