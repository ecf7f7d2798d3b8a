// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import dev.halyard.websocket.coder.EndpointCoders;
import dev.halyard.websocket.endpoint.AnnotatedEndpointModel;
import dev.halyard.websocket.endpoint.EndpointInstances;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * A server endpoint ready to serve connections, checked completely at deployment: its
 * configuration, path template, coders and, for an annotated class, its endpoint model.
 */
public final class ServerEndpointDefinition {

    /** Halyard's defaults, for endpoints whose configurator is the API's base class. */
    private static final ServerEndpointConfig.Configurator DEFAULTS = new DefaultServerConfigurator();

    private final ServerEndpointConfig config;
    private final ServerEndpointConfig.Configurator configurator;
    private final UriTemplate path;
    private final EndpointCoders coders;
    private final AnnotatedEndpointModel model;

    private ServerEndpointDefinition(ServerEndpointConfig config, UriTemplate path, EndpointCoders coders,
            AnnotatedEndpointModel model) {
        this.config = config;
        // The API's base Configurator is served by Halyard's default directly (COMPATIBILITY.md C14).
        this.configurator = config.getConfigurator().getClass() == ServerEndpointConfig.Configurator.class ? DEFAULTS
                : config.getConfigurator();
        this.path = path;
        this.coders = coders;
        this.model = model;
    }

    /** An {@code @ServerEndpoint} class, configured from its annotation. */
    public static ServerEndpointDefinition ofAnnotated(Class<?> type) throws DeploymentException {
        ServerEndpoint annotation = type.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException("Class " + type.getName() + " is not annotated with @ServerEndpoint");
        }
        ServerEndpointConfig.Builder builder = ServerEndpointConfig.Builder.create(type, annotation.value())
                .subprotocols(Arrays.asList(annotation.subprotocols()))
                .encoders(Arrays.asList(annotation.encoders()))
                .decoders(Arrays.asList(annotation.decoders()));
        Class<? extends ServerEndpointConfig.Configurator> configurator = annotation.configurator();
        if (configurator != ServerEndpointConfig.Configurator.class) {
            builder.configurator(newConfigurator(configurator, type));
        }
        return of(builder.build());
    }

    /**
     * A configuration given to the container: a programmatic {@link Endpoint} subclass, or an
     * annotated class deployed with a configuration of its own.
     */
    public static ServerEndpointDefinition of(ServerEndpointConfig config) throws DeploymentException {
        Class<?> type = config.getEndpointClass();
        if (type == null) {
            throw new DeploymentException("ServerEndpointConfig for path " + config.getPath() + " has no endpoint class");
        }
        UriTemplate path = UriTemplate.parse(config.getPath());
        EndpointCoders coders = EndpointCoders.of(config, type.getName());
        AnnotatedEndpointModel model = null;
        if (Endpoint.class.isAssignableFrom(type)) {
            if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
                throw new DeploymentException("Endpoint class " + type.getName() + " must be a public, concrete class");
            }
        } else {
            model = AnnotatedEndpointModel.of(type, new HashSet<>(path.variables()), coders);
        }
        return new ServerEndpointDefinition(config, path, coders, model);
    }

    private static ServerEndpointConfig.Configurator newConfigurator(Class<? extends ServerEndpointConfig.Configurator> type,
            Class<?> endpoint) throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException("Configurator " + type.getName() + " of endpoint " + endpoint.getName()
                    + " cannot be created: it needs a public no-argument constructor (" + e + ")", e);
        }
    }

    public ServerEndpointConfig config() {
        return config;
    }

    /** The configurator that serves this endpoint's handshakes. */
    public ServerEndpointConfig.Configurator configurator() {
        return configurator;
    }

    public UriTemplate path() {
        return path;
    }

    public EndpointCoders coders() {
        return coders;
    }

    /**
     * The Jakarta endpoint for a new connection: an instance from the configurator's
     * {@code getEndpointInstance}, wrapped for an annotated class.
     */
    public Endpoint newEndpoint() throws InstantiationException {
        Object instance = configurator.getEndpointInstance(config.getEndpointClass());
        if (instance == null) {
            throw new InstantiationException("Configurator " + configurator.getClass().getName()
                    + " returned no instance of " + config.getEndpointClass().getName());
        }
        return model == null ? (Endpoint) instance : model.newEndpoint(instance);
    }

    /** Ends an endpoint's life: {@code @PreDestroy} and disposal when CDI created it. Call once, after onClose. */
    public void release(Endpoint endpoint) {
        EndpointInstances.release(endpoint);
    }

    @Override
    public String toString() {
        return config.getEndpointClass().getName() + " at " + config.getPath();
    }

    /** For messages: the subprotocols this endpoint supports. */
    List<String> subprotocols() {
        return config.getSubprotocols();
    }
}
