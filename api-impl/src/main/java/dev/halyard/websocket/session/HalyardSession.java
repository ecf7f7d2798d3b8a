// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.CloseStatus;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A Jakarta {@link Session} over a {@link WebSocketConnection}: the facade the application holds.
 * It delegates: what happens to the session (events, closes, timers) to {@link SessionControl},
 * receiving to {@link InboundMessages}, sending to {@link BasicRemote} and {@link AsyncRemote},
 * which see it only as a {@link SendContext}; calls into the endpoint never overlap
 * ({@link ApplicationCalls}, §5.1).
 */
public final class HalyardSession implements Session {

    private static final SecureRandom IDS = new SecureRandom();

    private final String id;
    private final WebSocketConnection connection;
    private final EndpointConfig config;
    private final HandshakeInfo handshake;
    private final Map<String, Object> userProperties;
    private final Codecs codecs;
    private final long blockingSendTimeoutMillis;

    private final SessionLifecycle lifecycle = new SessionLifecycle();
    private final InboundMessages inbound;
    private final SessionControl control;
    private final BasicRemote basicRemote;
    private final AsyncRemote asyncRemote;

    public HalyardSession(WebSocketConnection connection, Endpoint endpoint, EndpointConfig config, HandshakeInfo handshake,
            SessionConfig settings, Codecs codecs) {
        byte[] idBytes = new byte[16];
        IDS.nextBytes(idBytes);
        this.id = HexFormat.of().formatHex(idBytes);
        this.connection = connection;
        this.config = config;
        this.handshake = handshake;
        this.userProperties = new ConcurrentHashMap<>(handshake.userProperties());
        this.codecs = codecs;
        this.blockingSendTimeoutMillis = settings.blockingSendTimeoutMillis();
        ApplicationCalls calls = new ApplicationCalls(endpoint, this);
        Executor streamHandlers = handshake.container() instanceof ContainerDefaults defaults
                ? defaults.streamHandlers() : connection.transport().executor();
        this.inbound = new InboundMessages(connection, calls, streamHandlers, codecs.decodedTypes(), settings, lifecycle::isOpen);
        this.control = new SessionControl(this, connection, endpoint, handshake, settings, codecs.destroy(), lifecycle, calls, inbound);
        SendContext sending = new Sending();
        Outbound outbound = new Outbound(sending, connection.sends(), connection.extensions(), connection.statistics());
        this.basicRemote = new BasicRemote(sending, outbound);
        this.asyncRemote = new AsyncRemote(sending, outbound, settings.asyncSendTimeoutMillis());
    }

    /** Calls {@code onOpen}, then starts reading. */
    public void open() {
        open(() -> { });
    }

    /**
     * Calls {@code onOpen}, then {@code beforeReading} (what must know the session before any message
     * can arrive, such as the HTTP session it ends with), then starts reading.
     */
    public void open(Runnable beforeReading) {
        control.open(config, beforeReading);
    }

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public void close(CloseReason closeReason) throws IOException {
        int code = closeReason.getCloseCode().getCode();
        if (code != CloseStatus.NO_STATUS_CODE && !CloseStatus.isValidOnWire(code)) {
            throw new IllegalArgumentException("Close code " + code + " may not be sent in a close frame (RFC 6455 §7.4); "
                    + "use NO_STATUS_CODE when no code fits");
        }
        control.applicationCloses(code, closeReason.getReasonPhrase());
    }

    /**
     * Closes the session on the container's behalf (shutdown, undeploy, an ended HTTP session):
     * the peer gets {@code code} and {@code reason}, the endpoint's onClose sees 1006 with the
     * reason (Jakarta WebSocket 2.2 §2.1.5).
     */
    public void closeByContainer(int code, String reason) {
        control.containerCloses(code, reason, reason, false);
    }

    /** Session methods work until onClose has returned, so the endpoint can read what it needs there. */
    private void checkOpen() {
        if (lifecycle.hasEnded()) {
            throw new IllegalStateException("The session " + id + " is closed");
        }
    }

    // ---- jakarta.websocket.Session

    @Override
    public WebSocketContainer getContainer() {
        return handshake.container();
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        checkOpen();
        inbound.add(handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        checkOpen();
        inbound.add(clazz, handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        checkOpen();
        inbound.add(clazz, handler);
    }

    /**
     * Registers application code for whole messages of {@code type}, as a {@code MessageHandler.Whole}
     * would be; the endpoint model registers {@code @OnMessage} methods this way.
     *
     * @param owner what identifies the registration (the handler, or the annotated method)
     */
    public <T> void addConsumer(Class<T> type, Object owner, MessageConsumer<T> consumer) {
        inbound.addWhole(type, owner, consumer);
    }

    /** Registers application code for messages of {@code type} in parts, as a {@code MessageHandler.Partial} would be. */
    public <T> void addPartialConsumer(Class<T> type, Object owner, PartialConsumer<T> consumer) {
        inbound.addPartial(type, owner, consumer);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        checkOpen();
        return inbound.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        checkOpen();
        inbound.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return handshake.subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return handshake.extensions();
    }

    @Override
    public boolean isSecure() {
        return connection.transport().isSecure();
    }

    /** What an operator's list of sessions shows of this one (the management package). */
    public SessionSnapshot snapshot() {
        return control.snapshot();
    }

    /** Whether the connection under the session is closed: after the close handshake, its timeout, or a failure. */
    public boolean isConnectionClosed() {
        return connection.isClosed();
    }

    /**
     * Open until the application closes the session or, when the peer or the container closes it,
     * until onClose has returned, so that code polling isOpen() finds onClose's work done
     * (COMPATIBILITY.md C2).
     */
    @Override
    public boolean isOpen() {
        return lifecycle.reportsOpen();
    }

    @Override
    public long getMaxIdleTimeout() {
        return control.idleTimeout().timeoutMillis();
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        control.idleTimeout().set(milliseconds);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        inbound.setMaxBinaryMessageBytes(length);
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return inbound.maxBinaryMessageBytes();
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        inbound.setMaxTextMessageBytes(length);
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return inbound.maxTextMessageBytes();
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        checkOpen();
        return asyncRemote;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        checkOpen();
        return basicRemote;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public URI getRequestURI() {
        return handshake.requestUri();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return handshake.requestParameters();
    }

    @Override
    public String getQueryString() {
        return handshake.queryString();
    }

    @Override
    public Map<String, String> getPathParameters() {
        return handshake.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public Principal getUserPrincipal() {
        return handshake.userPrincipal();
    }

    @Override
    public Set<Session> getOpenSessions() {
        checkOpen();
        return Set.copyOf(handshake.openSessions());
    }

    /**
     * The session in one line for logs: id, path (not the query, which may carry credentials), close
     * state, idle time and timers, then the connection (read loop, parser, send queue, transport).
     */
    @Override
    public String toString() {
        return "HalyardSession[" + id + ", " + handshake.requestUri().getRawPath() + ", " + control + ", " + connection + "]";
    }

    /** The session as its send path sees it. */
    private final class Sending implements SendContext {

        @Override
        public void checkOpen() throws IOException {
            if (!lifecycle.isOpen()) {
                throw new IOException("The session " + id + " is closed");
            }
        }

        @Override
        public ObjectEncoder encoder() {
            return codecs.encoder();
        }

        @Override
        public long blockingSendTimeoutMillis() {
            return blockingSendTimeoutMillis;
        }

        @Override
        public void failAfterSendTimeout(IOException timeout) {
            control.containerCloses(CloseStatus.GOING_AWAY, "Send timeout", timeout.getMessage(), true);
        }

        @Override
        public Session session() {
            return HalyardSession.this;
        }
    }
}
