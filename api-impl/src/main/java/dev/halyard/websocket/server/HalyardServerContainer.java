package dev.halyard.websocket.server;

import dev.halyard.websocket.coder.SessionCoders;
import dev.halyard.websocket.extension.ExtensionChain;
import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.session.Codecs;
import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.HandshakeInfo;
import dev.halyard.websocket.session.SessionConfig;
import dev.halyard.websocket.session.SessionDefaults;
import dev.halyard.websocket.session.Timers;
import dev.halyard.websocket.session.Transport;
import dev.halyard.websocket.session.WebSocketConnection;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server container of one web application: its endpoints, the defaults its sessions start
 * with, the threads that run their read loops and callbacks, and its open sessions.
 *
 * <p>Endpoints may be added at any time, also after the application has started, as Jakarta
 * WebSocket 2.1 allows (its issue 211); the {@code IllegalStateException} the older javadoc still
 * mentions is never thrown.
 */
public class HalyardServerContainer implements ServerContainer {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private final EndpointRegistry<ServerEndpointDefinition> registry = new EndpointRegistry<>();
    private final Map<ServerEndpointDefinition, Set<Session>> openSessions = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();

    private volatile long defaultMaxSessionIdleTimeout = SessionDefaults.MAX_IDLE_TIMEOUT_MILLIS;
    private volatile long defaultAsyncSendTimeout = SessionDefaults.ASYNC_SEND_TIMEOUT_MILLIS;
    private volatile int defaultMaxTextMessageBufferSize = SessionDefaults.MAX_TEXT_MESSAGE_BYTES;
    private volatile int defaultMaxBinaryMessageBufferSize = SessionDefaults.MAX_BINARY_MESSAGE_BYTES;
    private volatile long blockingSendTimeout = SessionDefaults.BLOCKING_SEND_TIMEOUT_MILLIS;
    private volatile long maxSendBacklogBytes = SessionDefaults.MAX_SEND_BACKLOG_BYTES;

    public HalyardServerContainer() {
        Timers.acquire(); // released by shutdown()
        int number = CONTAINERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        // Read loops and application callbacks; idle sessions hold no thread. After shutdown, what
        // still arrives (the last close handshakes) runs on the thread that brings it.
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "halyard-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    public ExecutorService executor() {
        return executor;
    }

    // ---- endpoints

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        add(ServerEndpointDefinition.ofAnnotated(endpointClass));
    }

    @Override
    public void addEndpoint(ServerEndpointConfig serverConfig) throws DeploymentException {
        add(ServerEndpointDefinition.of(serverConfig));
    }

    private void add(ServerEndpointDefinition definition) throws DeploymentException {
        registry.add(definition.path(), definition, definition.config().getEndpointClass().getName());
    }

    /** The endpoint for a request path within the application (raw, without the query), or null. */
    public EndpointRegistry.Match<ServerEndpointDefinition> match(String path) {
        return registry.match(path);
    }

    public List<ServerEndpointDefinition> endpoints() {
        return registry.endpoints();
    }

    // ---- sessions

    /**
     * Opens the session of a connection whose handshake was accepted: the endpoint's coders for
     * this session, the connection over {@code transport}, then {@code onOpen} and reading.
     *
     * @param endpoint the instance created for this connection before the upgrade
     */
    public HalyardSession openSession(Transport transport, ServerEndpointDefinition definition, Endpoint endpoint,
            ServerHandshake.Accepted accepted, HandshakeRequestView request, Map<String, String> pathParameters) {
        SessionCoders coders = definition.coders().openFor(accepted.config());
        Codecs codecs = new Codecs(coders, coders, () -> {
            coders.destroy();
            definition.release(endpoint);
        });
        Set<Session> group = openSessions.computeIfAbsent(definition, d -> ConcurrentHashMap.newKeySet());
        HandshakeInfo handshake = new HandshakeInfo(this, websocketUri(request.getRequestURI(), transport.isSecure()),
                request.getParameterMap(), request.getQueryString(), pathParameters, request.getUserPrincipal(),
                accepted.subprotocol(), accepted.extensions(), accepted.config().getUserProperties(), group);
        SessionConfig settings = sessionConfig();
        WebSocketConnection connection = new WebSocketConnection(transport, Role.SERVER, new ExtensionChain(List.of()),
                settings.maxSendBacklogBytes());
        HalyardSession session = new HalyardSession(connection, endpoint, accepted.config(), handshake, settings, codecs);
        session.open();
        return session;
    }

    /** The request URI with the ws or wss scheme (Session.getRequestURI, Jakarta WebSocket 2.2). */
    private static URI websocketUri(URI uri, boolean secure) {
        if (uri == null) {
            return null;
        }
        String scheme = uri.getScheme();
        if (scheme == null || scheme.startsWith("ws")) {
            return uri;
        }
        return URI.create((secure || "https".equalsIgnoreCase(scheme) ? "wss" : "ws") + uri.toString().substring(scheme.length()));
    }

    SessionConfig sessionConfig() {
        return new SessionConfig(defaultMaxTextMessageBufferSize, defaultMaxBinaryMessageBufferSize, defaultMaxSessionIdleTimeout,
                defaultAsyncSendTimeout, blockingSendTimeout, maxSendBacklogBytes, SessionDefaults.CLOSE_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /** Every open session of every endpoint. */
    public List<Session> openSessions() {
        List<Session> all = new ArrayList<>();
        openSessions.values().forEach(all::addAll);
        return all;
    }

    /**
     * Closes every open session with 1001 (going away) and stops the threads: for undeploy and
     * shutdown, which an external upgrade handler is not told about.
     */
    public void shutdown() {
        for (Session session : openSessions()) {
            ((HalyardSession) session).closeByContainer(1001, "The server is shutting down");
        }
        executor.shutdown();
        try {
            // Let read loops finishing their close frames end, so no thread outlives the application.
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shutDown.compareAndSet(false, true)) {
            Timers.release();
        }
    }

    // ---- container settings (halyard.* init parameters set them through the servlet integration)

    public void setBlockingSendTimeout(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("The blocking send timeout must be positive, got " + millis);
        }
        this.blockingSendTimeout = millis;
    }

    public void setMaxSendBacklogBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("The send backlog limit must be positive, got " + bytes);
        }
        this.maxSendBacklogBytes = bytes;
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return defaultAsyncSendTimeout;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        this.defaultAsyncSendTimeout = timeoutmillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return defaultMaxSessionIdleTimeout;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        this.defaultMaxSessionIdleTimeout = timeout;
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return defaultMaxBinaryMessageBufferSize;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("The binary message buffer size must not be negative, got " + max);
        }
        this.defaultMaxBinaryMessageBufferSize = max;
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return defaultMaxTextMessageBufferSize;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("The text message buffer size must not be negative, got " + max);
        }
        this.defaultMaxTextMessageBufferSize = max;
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return Set.of();
    }

    // ---- the client side of a server container comes with the client container

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        throw clientNotAvailable();
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        throw clientNotAvailable();
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        throw clientNotAvailable();
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        throw clientNotAvailable();
    }

    private static DeploymentException clientNotAvailable() {
        return new DeploymentException("Halyard's client container is not built yet, so a server container cannot connect "
                + "to other servers");
    }

    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
            Map<String, String> pathParameters) throws IOException, DeploymentException {
        throw new UnsupportedOperationException("upgradeHttpToWebSocket needs the servlet integration's container");
    }
}
