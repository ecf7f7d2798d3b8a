// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.server.ServerContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.context.WebApplicationContext;

/** The sample as it runs from its jar, on Boot's embedded Tomcat, talked to by the JDK's client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatApplicationTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    WebApplicationContext context;

    @Test
    void theWebSocketIsHalyards() {
        Object container = context.getServletContext().getAttribute(ServerContainer.class.getName());
        assertThat(container.getClass().getName()).startsWith("dev.halyard.");
    }

    @Test
    void thePageIsServed() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("new WebSocket(");
    }

    @Test
    void everyoneInTheRoomHearsEachMessageAndWhoComesAndGoes() throws Exception {
        Member ann = Member.join(port, "ann");
        ann.awaitMessage("* ann joined");
        Member bob = Member.join(port, "bob");
        bob.awaitMessage("* bob joined"); // bob is in the room from here on
        ann.awaitMessage("* bob joined");

        ann.socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertThat(ann.awaitMessage("ann: hello")).isTrue();
        assertThat(bob.awaitMessage("ann: hello")).isTrue();

        bob.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        assertThat(ann.awaitMessage("* bob left")).isTrue();
        ann.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    /** A chat member on the JDK's WebSocket client, keeping every message it is sent. */
    private static final class Member implements WebSocket.Listener {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Member join(int port, String name) throws Exception {
            Member member = new Member();
            member.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + "/chat?name=" + name), member)
                    .get(10, TimeUnit.SECONDS);
            return member;
        }

        /** Whether {@code expected} arrives within 10 s; other messages before it (notices, in any order) are passed over. */
        boolean awaitMessage(String expected) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                String message = messages.poll(left, TimeUnit.NANOSECONDS);
                if (expected.equals(message)) {
                    return true;
                }
                seen.add(message);
            }
            throw new AssertionError("no '" + expected + "' within 10 s; received " + seen);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
