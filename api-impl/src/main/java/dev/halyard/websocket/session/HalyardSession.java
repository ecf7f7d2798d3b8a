package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.ProtocolException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Jakarta {@link Session} over a {@link WebSocketConnection}.
 *
 * <p>Closing, on every path, ends with exactly one {@code onClose}: after the peer's close frame
 * (its code and reason, Jakarta WebSocket 2.2 §2.1.5), after {@link #close(CloseReason)} (the
 * reason given), and after a close the container starts (idle timeout, protocol error, lost
 * connection), which reports 1006 with a reason while the peer is sent the real code. Calls into
 * the endpoint never overlap (§5.1).
 */
public final class HalyardSession implements Session, WebSocketConnection.Events, Invoker {

    private static final System.Logger LOG = System.getLogger(HalyardSession.class.getName());
    private static final SecureRandom IDS = new SecureRandom();

    private final String id;
    private final WebSocketConnection connection;
    private final Endpoint endpoint;
    private final EndpointConfig config;
    private final HandshakeInfo handshake;
    private final Map<String, Object> userProperties;
    private final MessageHandlers handlers;
    private final MessageBuffer messageBuffer = new MessageBuffer();
    private final Outbound outbound;
    private final BasicRemote basicRemote;
    private final AsyncRemote asyncRemote;
    private final Codecs codecs;
    private final Object invokeLock = new Object();

    private final SessionLifecycle lifecycle = new SessionLifecycle();

    private volatile int maxTextMessageBytes;
    private volatile int maxBinaryMessageBytes;
    private volatile long maxIdleTimeoutMillis;
    private final long blockingSendTimeoutMillis;
    private final long closeHandshakeTimeoutMillis;
    private ScheduledFuture<?> idleCheck;
    /** Null when keepalive is off. */
    private final KeepAlive keepAlive;

    /** Where a message goes that no handler takes. */
    private static final MessageSink DISCARD = (piece, last) -> { };

    // Read-loop state: the sink serving the message in progress, and pongs held while a stream handler runs.
    private MessageSink currentSink;
    private final List<ByteBuffer> heldPongs = new ArrayList<>();

    public HalyardSession(WebSocketConnection connection, Endpoint endpoint, EndpointConfig config, HandshakeInfo handshake,
            SessionConfig settings, Codecs codecs) {
        byte[] idBytes = new byte[16];
        IDS.nextBytes(idBytes);
        this.id = HexFormat.of().formatHex(idBytes);
        this.connection = connection;
        this.endpoint = endpoint;
        this.config = config;
        this.handshake = handshake;
        this.userProperties = new ConcurrentHashMap<>(handshake.userProperties());
        this.codecs = codecs;
        this.maxTextMessageBytes = settings.maxTextMessageBytes();
        this.maxBinaryMessageBytes = settings.maxBinaryMessageBytes();
        this.maxIdleTimeoutMillis = settings.maxIdleTimeoutMillis();
        this.blockingSendTimeoutMillis = settings.blockingSendTimeoutMillis();
        this.closeHandshakeTimeoutMillis = settings.closeHandshakeTimeoutMillis();
        long keepAliveTimeout = settings.keepAliveTimeoutMillis();
        this.keepAlive = settings.keepAliveIntervalMillis() <= 0 ? null : new KeepAlive(connection,
                settings.keepAliveIntervalMillis(), keepAliveTimeout, () -> closeByContainer(CloseStatus.GOING_AWAY,
                        "Keepalive timeout", "The peer did not answer a keepalive ping within " + keepAliveTimeout + " ms", true));
        this.handlers = new MessageHandlers(new Sinks(), codecs.decodedTypes());
        this.outbound = new Outbound(this, connection.sends(), connection.extensions());
        this.basicRemote = new BasicRemote(this, outbound);
        this.asyncRemote = new AsyncRemote(this, outbound, settings.asyncSendTimeoutMillis());
        applyLimits();
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
        handshake.openSessions().add(this);
        invoke(() -> endpoint.onOpen(this, config));
        scheduleIdleCheck(maxIdleTimeoutMillis);
        if (keepAlive != null) {
            keepAlive.start();
        }
        beforeReading.run();
        connection.start(this);
    }

    // ---- calls into the application

    @Override
    public void invoke(Call call) {
        synchronized (invokeLock) {
            try {
                call.run();
            } catch (Throwable t) {
                reportError(t);
            }
        }
    }

    @Override
    public <T> void deliver(MessageConsumer<T> consumer, T message) {
        synchronized (invokeLock) {
            try {
                consumer.accept(message);
            } catch (Throwable t) {
                reportError(t);
            }
        }
    }

    private void reportError(Throwable error) {
        try {
            endpoint.onError(this, error);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "onError of " + endpoint.getClass().getName() + " threw", t);
        }
        if (!OnErrorOverride.of(endpoint.getClass())) {
            // As for annotated endpoints: a lost connection (the peer's doing) quietly, the application's errors loudly.
            LOG.log(error instanceof IOException ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "Unhandled error in WebSocket session " + id + " of " + endpoint.getClass().getName(), error);
        }
    }

    // ---- events from the connection (the read loop's thread)

    @Override
    public void onDataFrame(int opcode, boolean fin, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
        if (!lifecycle.isOpen()) {
            return; // closing: what the peer sent before its close frame is no longer delivered
        }
        if (currentSink == null) {
            MessageHandlers.Registration registration = opcode == OpCode.TEXT ? handlers.text() : handlers.binary();
            // A message no handler takes is dropped and the session goes on, as in Tomcat; the TCK sends
            // messages before its client registers handlers and expects them ignored (session tests).
            currentSink = registration == null ? DISCARD : registration.sink();
        }
        MessageSink sink = currentSink;
        boolean last = fin && frameEnd;
        if (last) {
            currentSink = null;
        }
        sink.accept(payload, last);
        if (last && !heldPongs.isEmpty()) {
            List<ByteBuffer> pongs = new ArrayList<>(heldPongs);
            heldPongs.clear();
            pongs.forEach(this::deliverPong);
        }
    }

    @Override
    public void onPong(ByteBuffer payload) {
        if (keepAlive != null && keepAlive.isOwnPong(payload)) {
            return; // the container's own keepalive: not the application's
        }
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        if (currentSink instanceof StreamSink && ((StreamSink<?>) currentSink).isActive()) {
            heldPongs.add(copy); // the stream handler holds the invoke lock until its message ends
            return;
        }
        deliverPong(copy);
    }

    private void deliverPong(ByteBuffer data) {
        MessageConsumer<PongMessage> consumer = handlers.pong();
        if (consumer != null && lifecycle.isOpen()) {
            PongMessage pong = () -> data.asReadOnlyBuffer();
            invoke(() -> consumer.accept(pong));
        }
    }

    @Override
    public void onCloseFrame(int code, String reason) {
        carryOut(lifecycle.peerCloses(code, reason), "The peer closed the session", new IOException("The session is closed"), null);
    }

    @Override
    public void onProtocolError(ProtocolException error) {
        LOG.log(System.Logger.Level.DEBUG, () -> "Session " + id + " failed: " + error.getMessage());
        // The endpoint hears the code and reason sent (1002, 1007, 1009...), as in Tomcat and the TCK
        // (clientendpointonmessage.maxLengthFailsTest expects 1009, not 1006).
        closeByContainer(error.closeCode(), error.closeReason(), error.closeCode(), error.closeReason(), true);
    }

    @Override
    public void onConnectionLost(IOException error) {
        String reason = error == null ? "The connection closed without a close frame" : truncate("Connection error: " + error.getMessage());
        carryOut(lifecycle.connectionLost(error != null, reason), "The connection was lost",
                error == null ? new IOException("The connection was closed") : error, error);
    }

    @Override
    public void onSendsStuck(long refusedForMillis) {
        // The peer does not read: its messages are refused and would stay so. Close it with a code it
        // can understand; the close frame itself may not get through, which the close-frame wait handles.
        closeByContainer(CloseStatus.VIOLATED_POLICY, "The peer does not read its messages",
                "Asynchronous sends to the peer were refused for more than " + refusedForMillis + " ms: it does not read", false);
    }

    // ---- closing

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
        carryOut(lifecycle.applicationCloses(code, closeReason.getReasonPhrase()), "The session was closed",
                new IOException("The session is closed"), null);
    }

    /**
     * A close the container starts: the peer gets {@code wireCode}, the endpoint sees 1006 with
     * {@code localReason} (Jakarta WebSocket 2.2 §2.1.5).
     *
     * @param dropAfterSend whether to drop the connection as soon as the close frame is out,
     *     without waiting for the peer's (after a protocol error nothing more can be read)
     */
    void closeByContainer(int wireCode, String wireReason, String localReason, boolean dropAfterSend) {
        closeByContainer(wireCode, wireReason, CloseStatus.CLOSED_ABNORMALLY, localReason, dropAfterSend);
    }

    /** As above, the endpoint seeing {@code localCode} and {@code localReason}. */
    private void closeByContainer(int wireCode, String wireReason, int localCode, String localReason, boolean dropAfterSend) {
        carryOut(lifecycle.containerCloses(wireCode, wireReason, localCode, truncate(localReason), dropAfterSend), localReason,
                new IOException(localReason), null);
    }

    /**
     * Carries out what the lifecycle decided, in its order.
     *
     * @param why what a stream handler waiting for the rest of a message is told
     * @param dropReason what frames still queued when the connection is dropped fail with
     * @param error what onError hears, when the steps say to report it
     */
    private void carryOut(SessionLifecycle.Steps steps, String why, IOException dropReason, IOException error) {
        if (steps.abortMessage()) {
            abortMessage(why);
        }
        if (steps.dropNow()) {
            connection.closeTransport(dropReason);
        }
        if (steps.send() != null) {
            connection.sendClose(steps.send().code(), steps.send().reason(), closeHandshakeTimeoutMillis,
                    steps.afterSend() == SessionLifecycle.AfterSend.DROP ? () -> connection.closeTransport(dropReason) : this::awaitPeerClose);
        }
        if (steps.reportError()) {
            invoke(() -> {
                throw error;
            });
        }
        if (steps.tell()) {
            notifyClose(new CloseReason(CloseReason.CloseCodes.getCloseCode(steps.closeCode()), steps.closeReason()));
        }
    }

    /**
     * Closes the session on the container's behalf (shutdown, undeploy, an ended HTTP session):
     * the peer gets {@code code} and {@code reason}, the endpoint's onClose sees 1006 with the
     * reason (Jakarta WebSocket 2.2 §2.1.5).
     */
    public void closeByContainer(int code, String reason) {
        closeByContainer(code, reason, reason, false);
    }

    /** After our close frame is out: give the peer a while to answer, then drop the connection. */
    private void awaitPeerClose() {
        if (connection.isClosed()) {
            return;
        }
        Timers.schedule(() -> connection.closeTransport(new IOException("The peer did not answer the close frame within "
                + closeHandshakeTimeoutMillis + " ms")), closeHandshakeTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Tells the endpoint (once: the lifecycle says so only when the session leaves OPEN); leaves the open sessions first. */
    private void notifyClose(CloseReason reason) {
        cancelIdleCheck();
        if (keepAlive != null) {
            keepAlive.stop();
        }
        handshake.openSessions().remove(this);
        invoke(() -> endpoint.onClose(this, reason));
        lifecycle.ended();
        try {
            codecs.destroy().run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Destroying the coders of session " + id + " failed", e);
        }
    }

    /** Releases a stream handler waiting for the rest of a message that will not come. */
    private void abortMessage(String why) {
        MessageSink sink = currentSink;
        if (sink != null) {
            sink.abort(new IOException(why));
        }
        MessageHandlers.Registration text = handlers.text();
        if (text != null) {
            text.sink().abort(new IOException(why));
        }
        MessageHandlers.Registration binary = handlers.binary();
        if (binary != null) {
            binary.sink().abort(new IOException(why));
        }
    }

    private static String truncate(String reason) {
        return new ProtocolException(0, reason).closeReason();
    }

    // ---- idle timeout

    private synchronized void scheduleIdleCheck(long delayMillis) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
        if (delayMillis > 0 && lifecycle.isOpen()) {
            idleCheck = Timers.schedule(this::checkIdle, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void cancelIdleCheck() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
            idleCheck = null;
        }
    }

    /** On the timer thread: close if idle long enough, otherwise look again when it could be. */
    private void checkIdle() {
        long timeout = maxIdleTimeoutMillis;
        if (timeout <= 0 || !lifecycle.isOpen()) {
            return;
        }
        long idleMillis = (System.nanoTime() - connection.lastActivityNanos()) / 1_000_000;
        if (idleMillis < timeout) {
            scheduleIdleCheck(timeout - idleMillis);
            return;
        }
        connection.transport().executor().execute(() -> closeByContainer(CloseStatus.GOING_AWAY, "Idle timeout",
                "The session was idle for more than its timeout of " + timeout + " ms", false));
    }

    // ---- limits

    private void applyLimits() {
        MessageHandlers.Registration text = handlers.text();
        MessageHandlers.Registration binary = handlers.binary();
        // Only whole messages are held in memory; partial and stream handlers take any size.
        connection.setMaxMessageBytes(text == null || text.buffersWhole() ? maxTextMessageBytes : Long.MAX_VALUE,
                binary == null || binary.buffersWhole() ? maxBinaryMessageBytes : Long.MAX_VALUE);
    }

    long blockingSendTimeoutMillis() {
        return blockingSendTimeoutMillis;
    }

    ObjectEncoder encoder() {
        return codecs.encoder();
    }

    /** A blocking send timed out: the frame may be half written, so the session cannot go on. */
    void failAfterSendTimeout(IOException timeout) {
        closeByContainer(CloseStatus.GOING_AWAY, "Send timeout", timeout.getMessage(), true);
    }

    /** Throws the IOException the spec asks of send methods on a closed session. */
    void checkOpenForSending() throws IOException {
        if (!lifecycle.isOpen()) {
            throw new IOException("The session " + id + " is closed");
        }
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
        if (handler instanceof MessageHandler.Whole) {
            addWhole(TypeArguments.messageType(handler, MessageHandler.Whole.class), (MessageHandler.Whole<?>) handler);
        } else if (handler instanceof MessageHandler.Partial) {
            addPartial(TypeArguments.messageType(handler, MessageHandler.Partial.class), (MessageHandler.Partial<?>) handler);
        } else {
            throw new IllegalArgumentException("A message handler implements MessageHandler.Whole or MessageHandler.Partial; "
                    + (handler == null ? "got null" : handler.getClass().getName() + " implements neither"));
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void addWhole(Class<?> type, MessageHandler.Whole<?> handler) {
        MessageHandler.Whole<T> typed = (MessageHandler.Whole<T>) handler;
        addConsumer((Class<T>) type, handler, typed::onMessage);
    }

    @SuppressWarnings("unchecked")
    private <T> void addPartial(Class<?> type, MessageHandler.Partial<?> handler) {
        MessageHandler.Partial<T> typed = (MessageHandler.Partial<T>) handler;
        addPartialConsumer((Class<T>) type, handler, typed::onMessage);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        checkOpen();
        addConsumer(requireType(clazz, handler), handler, handler::onMessage);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        checkOpen();
        addPartialConsumer(requireType(clazz, handler), handler, handler::onMessage);
    }

    /**
     * Registers application code for whole messages of {@code type}, as a {@code MessageHandler.Whole}
     * would be; the endpoint model registers {@code @OnMessage} methods this way.
     *
     * @param owner what identifies the registration (the handler, or the annotated method)
     */
    public <T> void addConsumer(Class<T> type, Object owner, MessageConsumer<T> consumer) {
        handlers.addWhole(type, owner, consumer);
        applyLimits();
    }

    /** Registers application code for messages of {@code type} in parts, as a {@code MessageHandler.Partial} would be. */
    public <T> void addPartialConsumer(Class<T> type, Object owner, PartialConsumer<T> consumer) {
        handlers.addPartial(type, owner, consumer);
        applyLimits();
    }

    private static <T> Class<T> requireType(Class<T> clazz, MessageHandler handler) {
        if (clazz == null || handler == null) {
            throw new IllegalArgumentException("addMessageHandler needs a message type and a handler, got "
                    + clazz + " and " + handler);
        }
        return clazz;
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        checkOpen();
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        checkOpen();
        handlers.remove(handler);
        applyLimits();
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

    /** Whether the connection under the session is closed: after the close handshake, its timeout, or a failure. */
    public boolean isConnectionClosed() {
        return connection.isClosed();
    }

    /**
     * Open until the application closes the session or, when the peer or the container closes it,
     * until onClose has returned, as in Tomcat: code that polls isOpen() to learn that a close
     * arrived (the TCK's SessionUtil.waitUntilClosed) then finds onClose's work done.
     */
    @Override
    public boolean isOpen() {
        return lifecycle.reportsOpen();
    }

    @Override
    public long getMaxIdleTimeout() {
        return maxIdleTimeoutMillis;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        maxIdleTimeoutMillis = milliseconds;
        connection.touch(); // the new timeout counts from now
        scheduleIdleCheck(milliseconds);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("Binary message buffer size must not be negative, got " + length);
        }
        maxBinaryMessageBytes = length;
        applyLimits();
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBytes;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("Text message buffer size must not be negative, got " + length);
        }
        maxTextMessageBytes = length;
        applyLimits();
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxTextMessageBytes;
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

    @Override
    public String toString() {
        return "HalyardSession[" + id + ", " + handshake.requestUri() + "]";
    }

    /** The sinks of this session's handlers. */
    private final class Sinks implements MessageHandlers.SinkFactory {

        @Override
        public MessageSink wholeText(MessageConsumer<String> consumer) {
            return WholeMessageSinks.text(consumer, messageBuffer, () -> maxTextMessageBytes, HalyardSession.this);
        }

        @Override
        public <T> MessageSink wholeBinary(MessageConsumer<T> consumer, boolean asArray) {
            return WholeMessageSinks.binary(consumer, asArray, messageBuffer, () -> maxBinaryMessageBytes, HalyardSession.this);
        }

        @Override
        public MessageSink partialText(PartialConsumer<String> consumer) {
            return PartialMessageSinks.text(consumer, HalyardSession.this);
        }

        @Override
        public <T> MessageSink partialBinary(PartialConsumer<T> consumer, boolean asArray) {
            return PartialMessageSinks.binary(consumer, asArray, HalyardSession.this);
        }

        @Override
        public <T> MessageSink stream(MessageConsumer<T> consumer, boolean text) {
            java.util.concurrent.Executor handlers = handshake.container() instanceof ContainerDefaults defaults
                    ? defaults.streamHandlers() : connection.transport().executor();
            return new StreamSink<>(consumer, text, HalyardSession.this, handlers);
        }
    }

    /** Whether an endpoint class overrides {@code onError}; found once per class. */
    private static final class OnErrorOverride {
        private static final ClassValue<Boolean> OVERRIDES = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                try {
                    return type.getMethod("onError", Session.class, Throwable.class).getDeclaringClass() != Endpoint.class;
                } catch (NoSuchMethodException e) {
                    return false;
                }
            }
        };

        static boolean of(Class<?> type) {
            return OVERRIDES.get(type);
        }
    }
}
