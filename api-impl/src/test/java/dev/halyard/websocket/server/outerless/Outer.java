// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server.outerless;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Holds a static nested endpoint; the test loads the endpoint without this class, as the TCK's WARs do. */
public class Outer {

    @ServerEndpoint("/nested")
    public static class Nested {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }
}
