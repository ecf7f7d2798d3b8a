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
 * Connects to the echo endpoint at {@code args[0]}, sends {@code args[1]} and prints what comes back,
 * once with a programmatic endpoint and once with an annotated one.
 * Prints the container's class and module first, so the test sees which implementation the service
 * loader found. Exits with 0 once both echoes came, with 1 when one did not.
 */
public final class EchoOverModulePath {

    public static void main(String[] args) throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        System.out.println("container: " + container.getClass().getName() + " in module "
                + container.getClass().getModule().getName());
        System.out.println("application module: " + EchoOverModulePath.class.getModule().getName());

        URI uri = URI.create(args[0]);

        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) echoes::add);
            }
        };
        String echo;
        try (Session session = container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri)) {
            echo = exchange(session, args[1], echoes);
        }
        System.out.println("echo: " + echo);

        AnnotatedEcho annotated = new AnnotatedEcho();
        String annotatedEcho;
        try (Session session = container.connectToServer(annotated, uri)) {
            annotatedEcho = exchange(session, args[1], annotated.echoes);
        }
        System.out.println("annotated echo: " + annotatedEcho);

        // Without waiting for the client's idle threads to end by themselves
        System.exit(echo == null || annotatedEcho == null ? 1 : 0);
    }

    private static String exchange(Session session, String text, BlockingQueue<String> echoes) throws Exception {
        session.getBasicRemote().sendText(text);
        // A bound on a failing run, not a measurement
        return echoes.poll(30, TimeUnit.SECONDS);
    }
}
