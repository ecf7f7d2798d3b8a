// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import dev.halyard.websocket.client.HalyardClientContainer;
import dev.halyard.websocket.coder.SessionCoders;
import dev.halyard.websocket.extension.DeflateParameters;
import dev.halyard.websocket.extension.Negotiated;
import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.management.ServerManagement;
import dev.halyard.websocket.session.Codecs;
import dev.halyard.websocket.session.ContainerDefaults;
import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.HandshakeInfo;
import dev.halyard.websocket.session.SessionConfig;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server container of one web application: its endpoints, the defaults its sessions start
 * with, the threads that run their read loops and callbacks, and its open sessions (kept by
 * {@link OpenSessions}, which also closes them as the server goes away).
 *
 * <p>Endpoints may be added at any time, also after the application has started, as Jakarta
 * WebSocket 2.1 allows (its issue 211); the {@code IllegalStateException} the older javadoc still
 * mentions is never thrown.
 */
public class HalyardServerContainer extends ContainerDefaults implements ServerContainer {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private final EndpointRegistry<ServerEndpointDefinition> registry = new EndpointRegistry<>();
    private final OpenSessions openSessions = new OpenSessions();
    private final ServerManagement management = new ServerManagement(this::refusedHandshakes, this::openSessions);
    /** The most threads of the pool that runs read loops and application callbacks, unless set. */
    public static final int DEFAULT_MAX_THREADS = 200;

    private final String threadName;
    /** Read loops and application callbacks: a pool of at most {@link #maxThreads}, or virtual threads. */
    private volatile ExecutorService executor;
    private final ThreadPoolExecutor pool;
    /** Bounded by the read loops that wait for its handlers ({@link ContainerDefaults#streamHandlers}). */
    private final ThreadPoolExecutor streamHandlers;
    private final java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();

    private volatile boolean perMessageDeflate = true;
    private volatile AllowedOrigins allowedOrigins = AllowedOrigins.ANY;
    /** Handshakes refused, by the HTTP status they were answered with. */
    private final Map<Integer, java.util.concurrent.atomic.LongAdder> refusedHandshakes = new ConcurrentHashMap<>();

    /** While the application deploys; see {@link #beginDeployment}. */
    private volatile boolean deploying;
    /** The error that failed the application's deployment, after which nothing more deploys. */
    private volatile DeploymentException deploymentFailure;

    /** Created on the first connectToServer; closed with the container. */
    private HalyardClientContainer client;

    public HalyardServerContainer() {
        Timers.acquire(); // released by shutdown()
        this.threadName = "halyard-" + CONTAINERS.incrementAndGet();
        this.pool = newExecutor(threadName, 60, DEFAULT_MAX_THREADS);
        this.executor = pool;
        this.streamHandlers = newExecutor(threadName + "-stream", 60);
    }

    public ExecutorService executor() {
        return executor;
    }

    @Override
    public java.util.concurrent.Executor streamHandlers() {
        return streamHandlers;
    }

    /**
     * The most threads running read loops and application callbacks at once, 200 by default
     * (COMPATIBILITY.md C18). Past it, a connection's work waits for a thread; writes never do, since
     * they finish on the container's threads.
     */
    public void setMaxThreads(int maxThreads) {
        if (maxThreads <= 0) {
            throw new IllegalArgumentException("The server needs at least one thread, got a maximum of " + maxThreads);
        }
        pool.setMaximumPoolSize(maxThreads);
    }

    public int maxThreads() {
        return pool.getMaximumPoolSize();
    }

    /**
     * Runs read loops and application callbacks on a virtual thread each instead of the pool (Java
     * 21 and later), before the first session opens.
     *
     * @return false when this Java has no virtual threads: the pool stays
     */
    public boolean useVirtualThreads() {
        ExecutorService virtual = newVirtualThreadExecutor(threadName + "-virtual");
        if (virtual == null) {
            return false;
        }
        executor = virtual;
        pool.shutdown();
        return true;
    }

    /** Whether read loops and callbacks run on virtual threads. */
    public boolean usesVirtualThreads() {
        return executor != pool;
    }

    /** The origins admitted to every endpoint of this container (README, "Security"). */
    public void setAllowedOrigins(AllowedOrigins allowedOrigins) {
        this.allowedOrigins = java.util.Objects.requireNonNull(allowedOrigins, "allowedOrigins");
    }

    public AllowedOrigins allowedOrigins() {
        return allowedOrigins;
    }

    /** Counts a handshake refused with {@code status} (403 for an origin not admitted, 400 for a bad path...). */
    public void countRefusedHandshake(int status) {
        refusedHandshakes.computeIfAbsent(status, s -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    /** How many handshakes this container refused with {@code status}. */
    public long refusedHandshakes(int status) {
        java.util.concurrent.atomic.LongAdder count = refusedHandshakes.get(status);
        return count == null ? 0 : count.sum();
    }

    /** Handshakes refused, by status. */
    public Map<Integer, Long> refusedHandshakes() {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        refusedHandshakes.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    /** Its statistics and MBeans; the integration registers them as the application starts. */
    public ServerManagement management() {
        return management;
    }

    // ---- endpoints

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        deploy(() -> ServerEndpointDefinition.ofAnnotated(endpointClass));
    }

    @Override
    public void addEndpoint(ServerEndpointConfig serverConfig) throws DeploymentException {
        deploy(() -> ServerEndpointDefinition.of(serverConfig));
    }

    /**
     * Starts the application's deployment: until {@link #endDeployment}, one endpoint that fails
     * to deploy fails them all (Jakarta WebSocket 2.2 §5.2.1). Outside it, as for an endpoint
     * added while the application serves, a failure concerns only the endpoint at fault.
     */
    public void beginDeployment() {
        deploying = true;
    }

    /** Ends the deployment phase; the application has started. */
    public void endDeployment() {
        deploying = false;
    }

    private interface Definer {
        ServerEndpointDefinition define() throws DeploymentException;
    }

    private void deploy(Definer definer) throws DeploymentException {
        DeploymentException earlier = deploymentFailure;
        if (earlier != null) {
            throw new DeploymentException("No endpoint may be added: this application's WebSocket deployment failed ("
                    + earlier.getMessage() + "), which takes all its endpoints out of service (Jakarta WebSocket 2.2 §5.2.1)",
                    earlier);
        }
        try {
            ServerEndpointDefinition definition = definer.define();
            registry.add(definition.path(), definition, definition.config().getEndpointClass().getName());
            management.endpointDeployed(definition.path().path(), definition.config().getEndpointClass().getName(),
                    () -> openSessions.of(definition));
        } catch (DeploymentException e) {
            if (deploying) {
                deploymentFailure = e;
                registry.clear();
            }
            throw e;
        }
    }

    /**
     * The endpoint for a request path within the application, decoded and normalized as the
     * container authorized it (without path parameters or the query), or null.
     */
    public EndpointRegistry.Match<ServerEndpointDefinition> match(String path) {
        return registry.matchDecoded(RequestPath.decodedSegments(path));
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
     * @param beforeReading given the session after {@code onOpen}, before any message is read
     */
    public HalyardSession openSession(Transport transport, ServerEndpointDefinition definition, Endpoint endpoint,
            ServerHandshake.Accepted accepted, HandshakeRequestView request, Map<String, String> pathParameters,
            java.util.function.Consumer<HalyardSession> beforeReading) {
        SessionCoders coders = definition.coders().openFor(accepted.config());
        Codecs codecs = new Codecs(coders, coders, () -> {
            coders.destroy();
            definition.release(endpoint);
        });
        HandshakeInfo handshake = new HandshakeInfo(this, websocketUri(request.getRequestURI(), transport.isSecure()),
                request.getParameterMap(), request.getQueryString(), pathParameters, request.getUserPrincipal(),
                accepted.subprotocol(), accepted.extensions(), accepted.config().getUserProperties(),
                openSessions.of(definition));
        SessionConfig settings = sessionConfig();
        WebSocketConnection connection = newConnection(transport, Role.SERVER,
                Negotiated.chain(accepted.extensions(), Role.SERVER, deflateThreshold()), settings,
                management.statistics(definition.path().path()));
        HalyardSession session = new HalyardSession(connection, endpoint, accepted.config(), handshake, settings, codecs);
        session.open(() -> beforeReading.accept(session));
        openSessions.closeIfGoingAway(session); // opened while the server stops
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

    /** Every open session of every endpoint. */
    public List<Session> openSessions() {
        return openSessions.all();
    }

    /**
     * Closes every open session with 1001 (going away) and stops the threads: for undeploy and
     * shutdown, which an external upgrade handler is not told about.
     */
    public void shutdown() {
        management.unregister();
        openSessions.goAway(); // without waiting for their connections: stopping the executor gives them a second
        HalyardClientContainer connected;
        synchronized (this) {
            connected = client;
        }
        if (connected != null) {
            connected.close();
        }
        stop(executor);
        stop(streamHandlers);
        if (shutDown.compareAndSet(false, true)) {
            Timers.release();
        }
    }

    /**
     * Closes every open session with 1001, as the server goes away, without stopping the container.
     * For a server that closes its connections before it stops the application (Jetty), and asks
     * first: the future completes once every one of those connections is closed, its close
     * handshake done or timed out.
     */
    public CompletableFuture<Void> closeSessionsGoingAway() {
        return openSessions.goAwayAndAwait(shutDown::get);
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return perMessageDeflate ? Set.of(DeflateParameters.OFFER) : Set.of();
    }

    /** Whether clients' permessage-deflate offers are accepted; on by default, as browsers offer it. */
    public void setPerMessageDeflate(boolean enabled) {
        this.perMessageDeflate = enabled;
    }

    // ---- a server container is a client container too (WebSocketContainer): endpoints may connect to other servers

    private HalyardClientContainer client() {
        synchronized (this) {
            if (client == null) {
                client = new HalyardClientContainer();
                client.copyDefaults(this);
            }
            return client;
        }
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointClass, cec, path);
    }

    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
            Map<String, String> pathParameters) throws IOException, DeploymentException {
        throw new UnsupportedOperationException("upgradeHttpToWebSocket needs the servlet integration's container");
    }
}
