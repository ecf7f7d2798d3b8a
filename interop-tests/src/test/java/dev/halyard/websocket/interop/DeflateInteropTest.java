// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.client.HalyardClientContainer;
import dev.halyard.websocket.handshake.ExtensionHeader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.jetty.ee11.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * permessage-deflate across implementations: Halyard's client against Tomcat's and Jetty's own
 * servers, and Tomcat's and Jetty's own clients against Halyard's server, for every parameter an
 * offer can carry, with messages from 0 B to 16 MiB.
 */
class DeflateInteropTest {

    static final List<String> OFFERS = List.of(
            "permessage-deflate",
            "permessage-deflate; server_no_context_takeover",
            "permessage-deflate; client_no_context_takeover",
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover",
            "permessage-deflate; server_max_window_bits=15",
            "permessage-deflate; client_max_window_bits",
            "permessage-deflate; server_max_window_bits=10");

    static Stream<Arguments> nativeServers() {
        return Stream.of(NativeServer.Kind.values()).flatMap(kind -> OFFERS.stream().map(offer -> Arguments.of(kind, offer)));
    }

    @ParameterizedTest(name = "Halyard client -> {0} [{1}]")
    @MethodSource("nativeServers")
    void halyardClientAgainstNativeServers(NativeServer.Kind kind, String offer) throws Exception {
        try (NativeServer server = NativeServer.start(kind, List.of(NativeEndpoints.Echo.class));
                HalyardClientContainer client = new HalyardClientContainer()) {
            String agreed = exchange(client, URI.create("ws://localhost:" + server.port() + "/echo"), offer, kind + " " + offer);
            System.out.println("Halyard client -> " + kind + " offered [" + offer + "], agreed [" + agreed + "]");
            if (!offer.contains("server_max_window_bits=10")) {
                assertThat(agreed).as("%s accepts what Halyard offers", kind).startsWith("permessage-deflate");
            }
        }
    }

    enum NativeClient { TOMCAT_CLIENT, JETTY_CLIENT }

    static Stream<Arguments> nativeClients() {
        return Stream.of(NativeClient.values()).flatMap(kind -> OFFERS.stream().map(offer -> Arguments.of(kind, offer)));
    }

    @ParameterizedTest(name = "{0} -> Halyard server [{1}]")
    @MethodSource("nativeClients")
    void nativeClientsAgainstHalyardServer(NativeClient kind, String offer) throws Exception {
        try (HalyardServer server = new HalyardServer(Set.of(NativeEndpoints.Echo.class))) {
            WebSocketContainer client;
            JakartaWebSocketClientContainer jetty = null;
            if (kind == NativeClient.TOMCAT_CLIENT) {
                client = new org.apache.tomcat.websocket.WsWebSocketContainer();
            } else {
                jetty = new JakartaWebSocketClientContainer();
                jetty.start();
                client = jetty;
            }
            try {
                WebSocketContainer sender = client;
                // Tomcat's client writes an uncompressed message by recursing once per 8 KiB buffer, all on the
                // sending thread, so a 16 MiB send can overflow a default 1 MiB stack (it did on CI when the
                // server declined compression). That is Tomcat's limit, not the exchange under test.
                String agreed = onLargeStack(() -> exchange(sender, URI.create("ws://localhost:" + server.port() + "/echo"), offer, kind + " " + offer));
                List<Extension> expected = dev.halyard.websocket.extension.Negotiated.serverAnswer(ExtensionHeader.parse(List.of(offer)));
                // Compared by meaning: clients list parameters in their own order and may drop defaults (a window of
                // 15). Jetty 12.1's client reports its own offer rather than the answer, so only Tomcat's is checked.
                System.out.println(kind + " -> Halyard server offered [" + offer + "], client reports [" + agreed + "]");
                if (kind == NativeClient.TOMCAT_CLIENT) {
                    assertThat(meaning(agreed)).as("what %s saw Halyard agree to: %s", kind, agreed)
                            .isEqualTo(meaning(ExtensionHeader.format(expected)));
                }
            } finally {
                if (jetty != null) {
                    jetty.stop();
                } else {
                    ((org.apache.tomcat.websocket.WsWebSocketContainer) client).destroy();
                }
            }
        }
    }

    private static String onLargeStack(Callable<String> work) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(work.call());
            } catch (Throwable failure) {
                outcome.set(failure);
            }
        }, "large-stack-sender", 256L << 20);
        thread.start();
        thread.join();
        if (outcome.get() instanceof Exception failure) {
            throw failure;
        }
        if (outcome.get() instanceof Throwable failure) {
            throw new AssertionError(failure);
        }
        return (String) outcome.get();
    }

    private static Object meaning(String header) throws Exception {
        if (header == null || header.isEmpty()) {
            return "declined";
        }
        return dev.halyard.websocket.extension.DeflateParameters.ofResponse(ExtensionHeader.parse(List.of(header)).get(0), true);
    }

    /** Connects with {@code offer}, echoes every size both ways and returns the agreed extensions. */
    private static String exchange(WebSocketContainer client, URI uri, String offer, String what) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().extensions(ExtensionHeader.parse(List.of(offer))).build();
        ClientAgainstNativeServersTest.ProgrammaticClient endpoint = new ClientAgainstNativeServersTest.ProgrammaticClient();
        Session session = client.connectToServer(endpoint, config, uri);
        List<Extension> negotiated = session.getNegotiatedExtensions();
        ClientAgainstNativeServersTest.exchange(session, endpoint.inbox, what);
        session.close();
        String header = ExtensionHeader.format(negotiated);
        return header == null ? "" : header;
    }
}
