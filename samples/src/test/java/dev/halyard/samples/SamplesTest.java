package dev.halyard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The samples as the launcher serves them, over real connections with the JDK's WebSocket client. */
class SamplesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private SamplesLauncher samples;

    /** Collects whole text messages and the close. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("No message within 10 s");
            }
            return message;
        }
    }

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

    private WebSocket connect(String path, Client client) throws Exception {
        return HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + samples.port() + path), client)
                .get(10, TimeUnit.SECONDS);
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
        Client client = new Client();
        WebSocket socket = connect("/echo", client);
        socket.sendText("hello, Halyard", true).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("hello, Halyard");
    }

    @Test
    void chatBroadcastsToTheRoomWithJoinAndLeaveNotices() throws Exception {
        Client ann = new Client();
        WebSocket annSocket = connect("/chat/lobby?name=ann", ann);
        assertThat(ann.next()).isEqualTo("* ann joined lobby");
        Client bob = new Client();
        WebSocket bobSocket = connect("/chat/lobby?name=bob", bob);
        assertThat(bob.next()).isEqualTo("* bob joined lobby");
        assertThat(ann.next()).isEqualTo("* bob joined lobby");
        Client elsewhere = new Client();
        connect("/chat/kitchen?name=cy", elsewhere);
        assertThat(elsewhere.next()).isEqualTo("* cy joined kitchen");

        bobSocket.sendText("hi ann", true).get(10, TimeUnit.SECONDS);
        assertThat(ann.next()).isEqualTo("bob: hi ann");
        assertThat(bob.next()).isEqualTo("bob: hi ann");
        annSocket.sendClose(1000, "").get(10, TimeUnit.SECONDS);
        assertThat(bob.next()).isEqualTo("* ann left");
        assertThat(elsewhere.messages.poll(300, TimeUnit.MILLISECONDS)).as("another room hears nothing").isNull();
    }

    @Test
    void tickerPushesToSubscribers() throws Exception {
        Client client = new Client();
        connect("/ticker", client);
        assertThat(client.next()).matches("HALY \\d+\\.\\d\\d");
        assertThat(client.next()).matches("HALY \\d+\\.\\d\\d");
    }

    @Test
    void ordersGoThroughTheDecoderAndReceiptsThroughTheEncoder() throws Exception {
        Client client = new Client();
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
        Client client = new Client();
        connect("/echo", client);
        samples.close();
        samples = null;
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
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
