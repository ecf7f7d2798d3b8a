// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import dev.halyard.websocket.coder.EndpointCoders;
import dev.halyard.websocket.endpoint.AnnotatedEndpointModel;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import java.util.Arrays;

/**
 * A client endpoint checked completely before it connects: its configuration, coders and, for an
 * annotated class, its endpoint model. Annotated classes are introspected once per container.
 */
final class ClientEndpointDefinition {

    private final Class<?> type;
    private final ClientEndpointConfig config;
    private final EndpointCoders coders;
    private final AnnotatedEndpointModel model;

    private ClientEndpointDefinition(Class<?> type, ClientEndpointConfig config, EndpointCoders coders,
            AnnotatedEndpointModel model) {
        this.type = type;
        this.config = config;
        this.coders = coders;
        this.model = model;
    }

    /** A {@code @ClientEndpoint} class, configured from its annotation. */
    static ClientEndpointDefinition ofAnnotated(Class<?> type) throws DeploymentException {
        ClientEndpoint annotation = type.getAnnotation(ClientEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException("Class " + type.getName() + " is not annotated with @ClientEndpoint, and it is not "
                    + "a jakarta.websocket.Endpoint: it cannot be connected as a client endpoint");
        }
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(Arrays.asList(annotation.subprotocols()))
                .encoders(Arrays.asList(annotation.encoders()))
                .decoders(Arrays.asList(annotation.decoders()));
        Class<? extends ClientEndpointConfig.Configurator> configurator = annotation.configurator();
        if (configurator != ClientEndpointConfig.Configurator.class) {
            try {
                builder.configurator(configurator.getConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new DeploymentException("Configurator " + configurator.getName() + " of client endpoint " + type.getName()
                        + " cannot be created: it needs a public no-argument constructor (" + e + ")", e);
            }
        }
        ClientEndpointConfig config = builder.build();
        EndpointCoders coders = EndpointCoders.of(config, type.getName());
        return new ClientEndpointDefinition(type, config, coders, AnnotatedEndpointModel.of(type, null, coders));
    }

    /** A programmatic endpoint with the configuration given to {@code connectToServer}. */
    static ClientEndpointDefinition of(Class<?> type, ClientEndpointConfig config) throws DeploymentException {
        if (config == null) {
            throw new DeploymentException("connectToServer for " + type.getName() + " was given no ClientEndpointConfig");
        }
        return new ClientEndpointDefinition(type, config, EndpointCoders.of(config, type.getName()), null);
    }

    Class<?> type() {
        return type;
    }

    ClientEndpointConfig config() {
        return config;
    }

    EndpointCoders coders() {
        return coders;
    }

    /** The Jakarta endpoint for one connection with the application's {@code instance}. */
    Endpoint endpointFor(Object instance) {
        return model == null ? (Endpoint) instance : model.newEndpoint(instance);
    }
}
