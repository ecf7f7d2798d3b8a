// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;

/**
 * The echo and chat samples checked over real connections with the JDK's client, wherever they
 * are served: the launcher ({@link SamplesTest}) and the WAR on standalone servers
 * (distribution-tests, through this module's test jar).
 */
public final class SampleConversations {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SampleConversations() {
    }

    /** Opens {@code path} below {@code root} (a ws:// URI of the application, no trailing slash). */
    public static WebSocket connect(URI root, String path, MessageInbox inbox) throws Exception {
        return HTTP.newWebSocketBuilder().buildAsync(URI.create(root + path), inbox).get(10, TimeUnit.SECONDS);
    }

    /** A text message comes back as sent; a clean close is answered with 1000. */
    public static void echo(URI root) throws Exception {
        MessageInbox inbox = new MessageInbox();
        WebSocket socket = connect(root, "/echo", inbox);
        socket.sendText("hello, Halyard", true).get(10, TimeUnit.SECONDS);
        assertThat(inbox.next()).isEqualTo("hello, Halyard");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        assertThat(inbox.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    /** Ann and bob in {@code room}: both see bob join and his message; bob sees ann leave. */
    public static void chat(URI root, String room) throws Exception {
        MessageInbox ann = new MessageInbox();
        WebSocket annSocket = connect(root, "/chat/" + room + "?name=ann", ann);
        assertThat(ann.next()).isEqualTo("* ann joined " + room);
        MessageInbox bob = new MessageInbox();
        WebSocket bobSocket = connect(root, "/chat/" + room + "?name=bob", bob);
        assertThat(bob.next()).isEqualTo("* bob joined " + room);
        assertThat(ann.next()).isEqualTo("* bob joined " + room);

        bobSocket.sendText("hi ann", true).get(10, TimeUnit.SECONDS);
        assertThat(ann.next()).isEqualTo("bob: hi ann");
        assertThat(bob.next()).isEqualTo("bob: hi ann");
        annSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        assertThat(bob.next()).isEqualTo("* ann left");
        bobSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }
}
