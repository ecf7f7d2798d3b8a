// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.modularapp;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Connects to the echo endpoint at {@code args[0]}, sends {@code args[1]} and prints what comes back.
 * Prints the container's class and module first, so the test sees which implementation the service
 * loader found. Exits with 0 once the echo came, with 1 when none did.
 */
public final class EchoOverModulePath {

    public static void main(String[] args) throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        System.out.println("container: " + container.getClass().getName() + " in module "
                + container.getClass().getModule().getName());
        System.out.println("application module: " + EchoOverModulePath.class.getModule().getName());

        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) echoes::add);
            }
        };
        try (Session session = container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                URI.create(args[0]))) {
            session.getBasicRemote().sendText(args[1]);
            // A bound on a failing run, not a measurement
            String echo = echoes.poll(30, TimeUnit.SECONDS);
            System.out.println("echo: " + echo);
            session.close();
            // Without waiting for the client's idle threads to end by themselves
            System.exit(echo == null ? 1 : 0);
        }
    }
}
