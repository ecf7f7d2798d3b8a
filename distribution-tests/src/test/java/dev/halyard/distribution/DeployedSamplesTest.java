// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.samples.MessageInbox;
import dev.halyard.samples.SampleConversations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The samples WAR on a standalone server, deployed as the README says and started as a process of
 * its own: pages, echo and chat over real connections, with the JDK's client and with a
 * browser-like handshake that has no Content-Length, then in headless Chromium; last, the server
 * stops and is checked to have stopped. Each test uses a room of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeployedSamplesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServerProcess server;

    /** The server, laid out from the distribution Maven unpacked. */
    abstract StandaloneServer server();

    /** A short name for files: "tomcat", "jetty". */
    abstract String name();

    static Path fromBuild(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run these tests with Maven (mvn verify -pl distribution-tests)");
        }
        return Path.of(value);
    }

    @BeforeAll
    void deployAndStart() throws Exception {
        Path workDir = Files.createDirectories(fromBuild("halyard.servers.dir"));
        server = server().start(fromBuild("halyard.samples.war"), workDir, freePort());
        server.awaitPage(http("/"));
    }

    @AfterAll
    void stopAndCheckStopped() throws Exception {
        if (server == null) {
            return;
        }
        MessageInbox open = new MessageInbox();
        SampleConversations.connect(webSocketRoot(), "/echo", open);
        boolean stopped = server.stop();
        assertThat(stopped).as("%s ended within the limit", server).isTrue();
        assertThat(server.isAlive()).as("%s or a process it started is still running", server).isFalse();
        assertThat(server.isListening()).as("something still listens on port %d", server.port()).isFalse();
        checkCloseCodeOnStop(open.closeCode.get(10, TimeUnit.SECONDS));
    }

    /** What the server logged so far. */
    String serverLog() throws IOException {
        return server.log();
    }

    /** What a session still open when the server stops must have been closed with. */
    abstract void checkCloseCodeOnStop(int code);

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + StandaloneServer.CONTEXT_PATH + path);
    }

    private URI webSocketRoot() {
        return URI.create("ws://127.0.0.1:" + server.port() + StandaloneServer.CONTEXT_PATH);
    }

    private BrowserLikeSocket openBrowserLike(String path) throws IOException {
        return BrowserLikeSocket.open(server.port(), StandaloneServer.CONTEXT_PATH + path);
    }

    @Test
    void pagesAreServedFromTheSamplesJar() throws Exception {
        HttpResponse<String> index = HTTP.send(HttpRequest.newBuilder(http("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Halyard samples", "chat.html");
        HttpResponse<String> chat = HTTP.send(HttpRequest.newBuilder(http("/chat.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.body()).contains("new WebSocket");
    }

    @Test
    void echoWithTheJdkClient() throws Exception {
        SampleConversations.echo(webSocketRoot());
    }

    @Test
    void echoWithABrowserLikeHandshake() throws Exception {
        try (BrowserLikeSocket socket = openBrowserLike("/echo")) {
            assertThat(socket.compresses()).as("the browser's permessage-deflate offer is taken").isTrue();
            socket.sendText("hello without Content-Length");
            assertThat(socket.nextText()).isEqualTo("hello without Content-Length");
            socket.sendText("and again, ünïcode");
            assertThat(socket.nextText()).isEqualTo("and again, ünïcode");
        }
    }

    @Test
    void chatWithTheJdkClient() throws Exception {
        SampleConversations.chat(webSocketRoot(), "jdk");
    }

    @Test
    void chatWithBrowserLikeHandshakes() throws Exception {
        try (BrowserLikeSocket ann = openBrowserLike("/chat/raw?name=ann")) {
            assertThat(ann.nextText()).isEqualTo("* ann joined raw");
            try (BrowserLikeSocket bob = openBrowserLike("/chat/raw?name=bob")) {
                assertThat(bob.nextText()).isEqualTo("* bob joined raw");
                assertThat(ann.nextText()).isEqualTo("* bob joined raw");
                ann.sendText("hi bob");
                assertThat(ann.nextText()).isEqualTo("ann: hi bob");
                assertThat(bob.nextText()).isEqualTo("ann: hi bob");
            }
            assertThat(ann.nextText()).isEqualTo("* bob left");
        }
    }

    @Test
    void chatInChromiumBetweenTwoBrowserSessions() throws Exception {
        Assumptions.assumeTrue(Chromium.isInstalled(), Chromium.EXECUTABLE + " is absent, so the browser test is skipped:"
                + " install Debian's chromium package (.ci/run does) to run it");
        Path screenshots = fromBuild("halyard.screenshots.dir");
        try (Chromium chromium = Chromium.start(Files.createDirectories(fromBuild("halyard.servers.dir")))) {
            ChromiumPage ann = chromium.newPage();
            ChromiumPage bob = chromium.newPage();
            join(ann, "ann");
            join(bob, "bob");
            ann.waitUntil(messagesInclude("* bob joined deck"), "ann to see bob join");

            bob.type("#text", "hello from bob");
            bob.click("#sendButton");
            ann.type("#text", "hi bob, ann here");
            ann.click("#sendButton");
            for (ChromiumPage page : new ChromiumPage[] {ann, bob}) {
                page.waitUntil(messagesInclude("bob: hello from bob") + " && " + messagesInclude("ann: hi bob, ann here"),
                        "both messages in both pages");
            }
            assertThat(ann.texts("#messages li").lines()).contains("* ann joined deck", "* bob joined deck",
                    "bob: hello from bob", "ann: hi bob, ann here");
            assertThat(bob.texts("#messages li").lines()).contains("* bob joined deck", "bob: hello from bob",
                    "ann: hi bob, ann here");
            assertThat(ann.texts("#status")).isEqualTo("Connected to deck as ann.");
            ann.screenshot(screenshots.resolve(name() + "-chat-ann.png"));
            bob.screenshot(screenshots.resolve(name() + "-chat-bob.png"));
        }
        assertThat(screenshots.resolve(name() + "-chat-ann.png")).isNotEmptyFile();
    }

    private void join(ChromiumPage page, String user) throws Exception {
        page.open(http("/chat.html"));
        page.type("#name", user);
        page.type("#room", "deck");
        page.click("#join button");
        page.waitUntil("document.getElementById('status').textContent === 'Connected to deck as " + user + ".'",
                user + "'s page to connect");
    }

    private static String messagesInclude(String text) {
        return "Array.from(document.querySelectorAll('#messages li')).some(li => li.textContent === "
                + ChromiumPage.quote(text) + ")";
    }
}
