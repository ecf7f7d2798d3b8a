// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/**
 * Makes {@code ContainerProvider.getWebSocketContainer()} return Halyard's client container
 * (registered in {@code META-INF/services}). Each call gets a new container, as the javadoc says;
 * an unused one holds no thread or socket.
 */
public class HalyardContainerProvider extends ContainerProvider {

    @Override
    protected WebSocketContainer getContainer() {
        return new HalyardClientContainer();
    }
}
