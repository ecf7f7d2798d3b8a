// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An endpoint's configuration as one connection sees it: everything from the endpoint's, but user
 * properties of its own, copied at the handshake, so what {@code modifyHandshake} stores there
 * belongs to this connection only (the javadoc of {@code Configurator.modifyHandshake}).
 */
final class PerConnectionConfig implements ServerEndpointConfig {

    private final ServerEndpointConfig shared;
    private final Configurator configurator;
    private final Map<String, Object> userProperties;

    PerConnectionConfig(ServerEndpointConfig shared, Configurator configurator) {
        this.shared = shared;
        this.configurator = configurator;
        this.userProperties = new ConcurrentHashMap<>(shared.getUserProperties());
    }

    @Override
    public Class<?> getEndpointClass() {
        return shared.getEndpointClass();
    }

    @Override
    public String getPath() {
        return shared.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return shared.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return shared.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return configurator;
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return shared.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return shared.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }
}
