// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chromium's DevTools protocol over the JDK's WebSocket client: commands with an id, answered by
 * the message with that id. Events are ignored; callers poll the page instead. Commands for a
 * page carry the session id that {@code Target.attachToTarget} with {@code flatten} returned.
 */
final class DevToolsConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    private DevToolsConnection(URI browser) throws InterruptedException, ExecutionException, TimeoutException {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(browser, new Answers()).get(10, TimeUnit.SECONDS);
    }

    static DevToolsConnection open(URI browser) throws InterruptedException, ExecutionException, TimeoutException {
        return new DevToolsConnection(browser);
    }

    /** Runs {@code method} (in the page of {@code sessionId}, or on the browser when null) and returns its result. */
    JsonNode call(String sessionId, String method, Map<String, ?> params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            command.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        socket.sendText(JSON.writeValueAsString(command), true);
        JsonNode reply;
        try {
            reply = answer.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("DevTools " + method + " got no answer: " + e, e);
        } finally {
            waiting.remove(id);
        }
        if (reply.has("error")) {
            throw new IOException("DevTools " + method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Joins the parts of each message (screenshots arrive in many) and completes the waiting command. */
    private final class Answers implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = waiting.get(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                } catch (IOException e) {
                    waiting.values().forEach(answer -> answer.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            waiting.values().forEach(answer -> answer.completeExceptionally(error));
        }
    }
}
