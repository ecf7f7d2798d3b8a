// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import dev.halyard.websocket.endpoint.EndpointInstances;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The container's default {@link ServerEndpointConfig.Configurator}, found by
 * {@code ServerEndpointConfig.Configurator} through {@link java.util.ServiceLoader}; every method
 * does what the Jakarta WebSocket 2.2 javadoc gives as the platform default.
 */
public class DefaultServerConfigurator extends ServerEndpointConfig.Configurator {

    /** The first subprotocol the client asked for that the endpoint supports, or "" (RFC 6455 §4.2.2). */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String protocol : requested) {
            if (supported.contains(protocol)) {
                return protocol;
            }
        }
        return "";
    }

    /** The requested extensions that are installed, in the client's order (RFC 6455 §9.1). */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> negotiated = new ArrayList<>();
        for (Extension extension : requested) {
            for (Extension available : installed) {
                if (available.getName().equals(extension.getName())) {
                    negotiated.add(extension);
                    break;
                }
            }
        }
        return negotiated;
    }

    /**
     * Changes nothing (the platform default, per the javadoc). Overridden because some API jars'
     * base method delegates to the container default, which is this class (COMPATIBILITY.md C14).
     */
    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    }

    /** Accepts every origin; an application that must restrict origins overrides this. */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    /**
     * A new instance per connection: from CDI when a CDI container runs (so {@code @Inject} works),
     * otherwise from the public no-argument constructor.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return EndpointInstances.create(endpointClass);
    }
}
