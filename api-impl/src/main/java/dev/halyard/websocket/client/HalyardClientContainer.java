// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import dev.halyard.websocket.coder.SessionCoders;
import dev.halyard.websocket.diagnostics.FlightEvents;
import dev.halyard.websocket.diagnostics.HandshakeEvent;
import dev.halyard.websocket.endpoint.EndpointInstances;
import dev.halyard.websocket.extension.DeflateParameters;
import dev.halyard.websocket.extension.Negotiated;
import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.io.SelectorLoop;
import dev.halyard.websocket.management.ClientManagement;
import dev.halyard.websocket.session.Codecs;
import dev.halyard.websocket.session.ContainerDefaults;
import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.HandshakeInfo;
import dev.halyard.websocket.session.SessionConfig;
import dev.halyard.websocket.session.WebSocketConnection;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Halyard's client {@link WebSocketContainer}: connects annotated and programmatic client
 * endpoints over plain or TLS sockets, with the same session engine as the server.
 *
 * <p>Threads: one selector thread waits on every socket of the container and an executor runs
 * read loops and callbacks only while there is something to do, so an idle connection holds no
 * thread. A second pool finishes socket writes, so that a write's completion never waits behind
 * application code that blocks in a send. Each pool has at most {@link #maxThreads()} threads
 * ({@value #MAX_THREADS}, a system property; 200 by default, COMPATIBILITY.md C18). All
 * end by themselves once the container has had no connection for a while (the selector after
 * {@link SelectorLoop#LINGER_MILLIS}, pool threads after {@link #EXECUTOR_KEEP_ALIVE_SECONDS});
 * {@link #close} ends everything at once.
 */
public class HalyardClientContainer extends ContainerDefaults implements AutoCloseable {

    static final long EXECUTOR_KEEP_ALIVE_SECONDS = 10;

    /** The system property that bounds each of a client container's thread pools. */
    public static final String MAX_THREADS = "halyard.client.maxThreads";
    public static final int DEFAULT_MAX_THREADS = 200;

    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private final SelectorLoop selector;
    private final ThreadPoolExecutor executor;
    private final ThreadPoolExecutor writeExecutor;
    /** Bounded by the read loops that wait for its handlers ({@link ContainerDefaults#streamHandlers}). */
    private final ThreadPoolExecutor streamHandlers;
    private final int maxThreads;
    private final int id;
    /** Registered while the selector thread runs: from the first connection to a while after the last. */
    private final ClientManagement management;
    private final Map<Class<?>, ClientEndpointDefinition> annotated = new ConcurrentHashMap<>();
    private final Map<Class<?>, Set<Session>> openSessions = new ConcurrentHashMap<>();

    /** A container whose pools have at most the {@value #MAX_THREADS} system property's threads each (200 without it). */
    public HalyardClientContainer() {
        this(maxThreadsProperty());
    }

    /** A container whose pools have at most {@code maxThreads} threads each. */
    public HalyardClientContainer(int maxThreads) {
        if (maxThreads <= 0) {
            throw new IllegalArgumentException("A client container needs at least one thread, got a maximum of " + maxThreads);
        }
        int number = CONTAINERS.incrementAndGet();
        this.maxThreads = maxThreads;
        this.id = number;
        this.management = new ClientManagement(number, this::openSessions);
        this.selector = new SelectorLoop("halyard-client-" + number + "-selector", management::register, management::unregister);
        this.executor = newExecutor("halyard-client-" + number, EXECUTOR_KEEP_ALIVE_SECONDS, maxThreads);
        this.writeExecutor = newExecutor("halyard-client-" + number + "-write", EXECUTOR_KEEP_ALIVE_SECONDS, maxThreads);
        this.streamHandlers = newExecutor("halyard-client-" + number + "-stream", EXECUTOR_KEEP_ALIVE_SECONDS);
    }

    @Override
    public java.util.concurrent.Executor streamHandlers() {
        return streamHandlers;
    }

    private static int maxThreadsProperty() {
        String value = System.getProperty(MAX_THREADS);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_THREADS;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("System property " + MAX_THREADS + " must be a positive whole number, got \"" + value + "\"");
    }

    /** N of its MBean's name ({@code type=ClientContainer,id=N}) and of its threads' ({@code halyard-client-N}). */
    public int id() {
        return id;
    }

    /** The most threads each of this container's pools runs. */
    public int maxThreads() {
        return maxThreads;
    }

    // ---- connecting

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        if (annotatedEndpointInstance == null) {
            throw new IllegalArgumentException("connectToServer was given a null endpoint instance");
        }
        if (annotatedEndpointInstance instanceof Endpoint) {
            return connect((Endpoint) annotatedEndpointInstance, ClientEndpointDefinition.of(annotatedEndpointInstance.getClass(),
                    ClientEndpointConfig.Builder.create().build()), path, false);
        }
        ClientEndpointDefinition definition = annotated(annotatedEndpointInstance.getClass());
        return connect(definition.endpointFor(annotatedEndpointInstance), definition, path, false);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        ClientEndpointDefinition definition = annotated(annotatedEndpointClass);
        return connect(definition.endpointFor(instantiate(annotatedEndpointClass)), definition, path, true);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        if (endpointInstance == null) {
            throw new IllegalArgumentException("connectToServer was given a null Endpoint");
        }
        return connect(endpointInstance, ClientEndpointDefinition.of(endpointInstance.getClass(), cec), path, false);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        ClientEndpointDefinition definition = ClientEndpointDefinition.of(endpointClass, cec);
        return connect(instantiate(endpointClass), definition, path, true);
    }

    private ClientEndpointDefinition annotated(Class<?> type) throws DeploymentException {
        if (type == null) {
            throw new IllegalArgumentException("connectToServer was given a null endpoint class");
        }
        ClientEndpointDefinition definition = annotated.get(type);
        if (definition == null) {
            definition = ClientEndpointDefinition.ofAnnotated(type);
            annotated.putIfAbsent(type, definition);
        }
        return definition;
    }

    private static <T> T instantiate(Class<T> type) throws DeploymentException {
        try {
            return EndpointInstances.create(type);
        } catch (InstantiationException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
    }

    /**
     * @param created whether the container created the endpoint instance, and so releases it after
     *     the session (CDI's {@code @PreDestroy})
     */
    private Session connect(Endpoint endpoint, ClientEndpointDefinition definition, URI uri, boolean created)
            throws DeploymentException, IOException {
        boolean opened = false;
        try {
            checkUri(uri);
            ClientEndpointConfig config = definition.config();
            ClientSettings settings;
            try {
                settings = ClientSettings.of(config.getUserProperties());
            } catch (IllegalArgumentException e) {
                throw new DeploymentException("The ClientEndpointConfig of " + definition.type().getName() + " is invalid: "
                        + e.getMessage(), e);
            }
            Connector.Established established = handshake(new Connector(config, settings, selector, executor, writeExecutor), uri,
                    definition.type());
            Session session = openSession(established, endpoint, definition, settings);
            opened = true;
            return session;
        } finally {
            if (!opened && created) {
                EndpointInstances.release(endpoint);
            }
        }
    }

    /** Connects; the handshake's flight recorder event gets 101, the server's refusal, or 0 when there was no answer. */
    private static Connector.Established handshake(Connector connector, URI uri, Class<?> endpointType)
            throws IOException, HandshakeException {
        HandshakeEvent event = FlightEvents.handshakeStarted();
        try {
            Connector.Established established = connector.connect(uri);
            FlightEvents.handshakeDecided(event, true, uri.getRawPath(), 101, endpointType, null);
            return established;
        } catch (IOException | HandshakeException | RuntimeException e) {
            int status = e instanceof HandshakeException refused ? refused.status() : 0;
            FlightEvents.handshakeDecided(event, true, uri.getRawPath(), status, endpointType, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private Session openSession(Connector.Established established, Endpoint endpoint, ClientEndpointDefinition definition,
            ClientSettings connectionSettings) {
        ClientEndpointConfig config = definition.config();
        SessionCoders coders = definition.coders().openFor(config);
        Codecs codecs = new Codecs(coders, coders, () -> {
            coders.destroy();
            EndpointInstances.release(endpoint);
        });
        URI uri = established.uri();
        Set<Session> group = openSessions.computeIfAbsent(definition.type(), t -> ConcurrentHashMap.newKeySet());
        HandshakeInfo handshake = new HandshakeInfo(this, uri, queryParameters(uri.getRawQuery()), uri.getRawQuery(), Map.of(),
                null, established.agreed().subprotocol(), established.agreed().extensions(), config.getUserProperties(), group);
        SessionConfig settings = connectionSettings.applyTo(sessionConfig());
        WebSocketConnection connection = newConnection(established.transport(), Role.CLIENT,
                Negotiated.chain(established.agreed().extensions(), Role.CLIENT, deflateThreshold()), settings, management.statistics());
        HalyardSession session = new HalyardSession(connection, endpoint, config, handshake, settings, codecs);
        session.open();
        return session;
    }

    private static void checkUri(URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("connectToServer was given a null URI");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("Cannot connect to " + uri + ": the scheme must be ws or wss");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Cannot connect to " + uri + ": the URI names no host");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Cannot connect to " + uri + ": a WebSocket URI has no fragment (RFC 6455 §3)");
        }
    }

    /** The query's parameters, decoded, in order (Session.getRequestParameterMap). */
    static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> List.copyOf(values));
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape is kept as sent
        }
    }

    // ---- sessions and lifecycle

    /** Every open session of this container. */
    public List<Session> openSessions() {
        List<Session> all = new ArrayList<>();
        openSessions.values().forEach(all::addAll);
        return all;
    }

    /**
     * Closes every open session with 1001 (going away) and ends the container's threads. The
     * container cannot connect again afterwards.
     */
    @Override
    public void close() {
        for (Session session : openSessions()) {
            ((HalyardSession) session).closeByContainer(CloseStatus.GOING_AWAY, "The client is shutting down");
        }
        selector.stop();
        stop(executor);
        stop(writeExecutor);
        stop(streamHandlers);
    }

    /** permessage-deflate; to use it, list it in a ClientEndpointConfig's extensions. */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return Set.of(DeflateParameters.OFFER);
    }
}
