// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The samples as the launcher serves them, over real connections with the JDK's WebSocket client. */
class SamplesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private SamplesLauncher samples;

    @BeforeEach
    void start() throws Exception {
        samples = SamplesLauncher.start(0);
    }

    @AfterEach
    void stop() throws Exception {
        if (samples != null) {
            samples.close();
        }
    }

    private URI root() {
        return URI.create("ws://localhost:" + samples.port());
    }

    private WebSocket connect(String path, MessageInbox inbox) throws Exception {
        return SampleConversations.connect(root(), path, inbox);
    }

    @Test
    void pagesAreServed() throws Exception {
        HttpResponse<String> index = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + samples.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Halyard samples").contains("chat.html");
        HttpResponse<String> chat = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + samples.port() + "/chat.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chat.body()).contains("new WebSocket");
    }

    @Test
    void echo() throws Exception {
        SampleConversations.echo(root());
    }

    @Test
    void chatBroadcastsToTheRoomWithJoinAndLeaveNotices() throws Exception {
        MessageInbox elsewhere = new MessageInbox();
        connect("/chat/kitchen?name=cy", elsewhere);
        assertThat(elsewhere.next()).isEqualTo("* cy joined kitchen");
        SampleConversations.chat(root(), "lobby");
        assertThat(elsewhere.messages().poll(300, TimeUnit.MILLISECONDS)).as("another room hears nothing").isNull();
    }

    @Test
    void tickerPushesToSubscribers() throws Exception {
        MessageInbox client = new MessageInbox();
        connect("/ticker", client);
        assertThat(client.next()).matches("HALY \\d+\\.\\d\\d");
        assertThat(client.next()).matches("HALY \\d+\\.\\d\\d");
    }

    @Test
    void theTickerThreadEndsWithItsLastSubscriber() throws Exception {
        MessageInbox client = new MessageInbox();
        WebSocket socket = connect("/ticker", client);
        assertThat(client.next()).startsWith("HALY ");
        assertThat(tickerThreadAlive()).isTrue();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        client.closeCode.get(10, TimeUnit.SECONDS);
        // In a WAR a thread left running keeps the undeployed application's class loader.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(tickerThreadAlive()).as("a sample-ticker thread still runs without subscribers").isFalse());
    }

    private static boolean tickerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("sample-ticker") && thread.isAlive());
    }

    @Test
    void ordersGoThroughTheDecoderAndReceiptsThroughTheEncoder() throws Exception {
        MessageInbox client = new MessageInbox();
        WebSocket socket = connect("/orders", client);
        socket.sendText("item=apple;quantity=3", true).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).matches("receipt=\\d+;item=apple;quantity=3");
        socket.sendText("item=pear;quantity=many", true).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("error=The quantity must be a whole number, got many");
        socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).startsWith("error=No decoder for dev.halyard.samples.orders.Order will decode");
    }

    @Test
    void stoppingTheServerClosesSessionsWith1001() throws Exception {
        MessageInbox client = new MessageInbox();
        connect("/echo", client);
        samples.close();
        samples = null;
        assertThat(client.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
    }

    @Test
    void commandLineClientTalksToTheEchoSample() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.BufferedReader typed = new java.io.BufferedReader(new java.io.StringReader("first line\nsecond, with ünïcode\n"));
        dev.halyard.samples.client.EchoClient.run(URI.create("ws://localhost:" + samples.port() + "/echo"), typed,
                new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
                .contains("echo: first line", "echo: second, with ünïcode");
    }
}
