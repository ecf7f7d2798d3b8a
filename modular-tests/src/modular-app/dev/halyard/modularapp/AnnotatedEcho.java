// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.modularapp;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The annotated form of the client: Halyard finds and calls its methods from outside this module. */
@ClientEndpoint
public class AnnotatedEcho {

    final BlockingQueue<String> echoes = new LinkedBlockingQueue<>();

    @OnMessage
    public void echo(String message) {
        echoes.add(message);
    }
}
