// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The chat sample as a Spring Boot application: {@link ChatHandler} at {@code /chat} and its page at
 * {@code /}. Nothing here is Halyard's; the starter on the class path makes Halyard the WebSocket of
 * Boot's embedded Tomcat. {@code --server.port=0} picks a free port.
 */
@SpringBootApplication
@EnableWebSocket
public class ChatApplication implements WebSocketConfigurer {

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new ChatHandler(), "/chat");
    }

    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
