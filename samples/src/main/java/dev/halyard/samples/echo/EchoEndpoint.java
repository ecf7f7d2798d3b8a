// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.echo;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** Sends every message back as it came. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage(maxMessageSize = 1024 * 1024)
    public String text(String message) {
        return message;
    }

    @OnMessage(maxMessageSize = 1024 * 1024)
    public ByteBuffer binary(ByteBuffer message) {
        return message;
    }
}
