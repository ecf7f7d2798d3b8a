// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.client.HalyardClientContainer;
import dev.halyard.websocket.handshake.ExtensionHeader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** permessage-deflate between Halyard's client and Halyard's server, on each container, for every parameter. */
class PerMessageDeflateTest {

    /** Each offer the client makes, and the answer the server must give ("" when it declines). */
    static Stream<Arguments> offers() {
        List<String[]> cases = List.of(
                new String[] {"permessage-deflate", "permessage-deflate"},
                new String[] {"permessage-deflate; server_no_context_takeover", "permessage-deflate; server_no_context_takeover"},
                new String[] {"permessage-deflate; client_no_context_takeover",
                        "permessage-deflate; server_no_context_takeover; client_no_context_takeover"},
                new String[] {"permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                        "permessage-deflate; server_no_context_takeover; client_no_context_takeover"},
                new String[] {"permessage-deflate; server_max_window_bits=15", "permessage-deflate; server_max_window_bits=15"},
                new String[] {"permessage-deflate; client_max_window_bits", "permessage-deflate"},
                new String[] {"permessage-deflate; server_max_window_bits=10", ""});
        return EmbeddedServer.forAnyClient().flatMap(kind -> cases.stream().map(c -> Arguments.of(kind, c[0], c[1])));
    }

    @ParameterizedTest(name = "{0} offer [{1}]")
    @MethodSource("offers")
    void negotiatesAndExchangesEverySize(EmbeddedServer.Kind kind, String offer, String expectedAnswer) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class, NegotiatedReport.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().extensions(ExtensionHeader.parse(List.of(offer))).build();
            ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
            Session session = client.connectToServer(endpoint, config, URI.create("ws://localhost:" + server.port() + "/echo"));
            assertThat(format(session.getNegotiatedExtensions())).isEqualTo(expectedAnswer);
            HalyardClientTest.exchange(session, endpoint.inbox, kind + " " + offer);
            session.close();
            assertThat(endpoint.inbox.closed.get(10, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
            assertThat(endpoint.inbox.errors).isEmpty();

            // the server's session saw the same agreement
            ClientMessages.Programmatic reporter = new ClientMessages.Programmatic();
            Session report = client.connectToServer(reporter, config, URI.create("ws://localhost:" + server.port() + "/negotiated"));
            report.getBasicRemote().sendText("?");
            assertThat(reporter.inbox.next("the server's view")).isEqualTo(expectedAnswer);
        }
    }

    /** Answers with the extensions its session agreed to. */
    @jakarta.websocket.server.ServerEndpoint("/negotiated")
    public static class NegotiatedReport {
        @jakarta.websocket.OnMessage
        public String text(String ignored, Session session) {
            return format(session.getNegotiatedExtensions());
        }
    }

    static String format(List<Extension> extensions) {
        String header = ExtensionHeader.format(extensions);
        return header == null ? "" : header;
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void aDecompressionBombClosesWith1009(EmbeddedServer.Kind kind) throws Exception {
        // 16 MiB of zeros travel as about 16 KiB; the server's limit (64 KiB, /plain) must stop them as they inflate
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Plain.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .extensions(List.of(dev.halyard.websocket.extension.DeflateParameters.OFFER)).build();
            ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
            Session session = client.connectToServer(endpoint, config, URI.create("ws://localhost:" + server.port() + "/plain"));
            assertThat(format(session.getNegotiatedExtensions())).isEqualTo("permessage-deflate");
            session.getBasicRemote().sendText("\0".repeat(16 << 20));
            CloseReason reason = endpoint.inbox.closed.get(20, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode().getCode()).isEqualTo(1009);
            assertThat(reason.getReasonPhrase()).contains("exceeds the limit of 65536 bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.halyard.websocket.servlet.EmbeddedServer#forAnyClient")
    void aServerWithDeflateSwitchedOffDeclines(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Endpoints.Echo.class), Map.of("halyard.permessageDeflate", "false"));
                HalyardClientContainer client = new HalyardClientContainer()) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .extensions(List.of(dev.halyard.websocket.extension.DeflateParameters.OFFER)).build();
            ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
            Session session = client.connectToServer(endpoint, config, URI.create("ws://localhost:" + server.port() + "/echo"));
            assertThat(session.getNegotiatedExtensions()).isEmpty();
            session.getBasicRemote().sendText("plain");
            assertThat(endpoint.inbox.next("plain echo")).isEqualTo("plain");
        }
    }

    /**
     * Zlib streams live in native memory, which the garbage collector neither sees nor bounds: each
     * session's inflaters and deflaters (both ends here) must be ended when it closes. 10,000
     * compressed sessions, each compressing in both directions, must not grow the process.
     */
    @org.junit.jupiter.api.Test
    void tenThousandCompressedSessionsLeaveNoNativeMemoryBehind() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Kind.TOMCAT, Set.of(Endpoints.Echo.class), Map.of());
                HalyardClientContainer client = new HalyardClientContainer()) {
            URI uri = URI.create("ws://localhost:" + server.port() + "/echo");
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .extensions(List.of(dev.halyard.websocket.extension.DeflateParameters.OFFER)).build();
            String message = "{\"event\":\"trade\",\"price\":101.25,\"qty\":300}".repeat(30);
            cycles(client, uri, config, message, 500); // warm up: pools, JIT, malloc arenas
            System.gc();
            long rssBefore = residentKilobytes();
            long heapBefore = committedHeapKilobytes();
            cycles(client, uri, config, message, 10_000);
            System.gc();
            // No event to wait for: G1 gives back the heap that collection freed on a thread of its own (it uncommits
            // concurrently), and RSS below must be read after that, as the committed heap already counts it.
            Thread.sleep(200);
            long rssAfter = residentKilobytes();
            long heapAfter = committedHeapKilobytes();
            long outsideHeap = (rssAfter - rssBefore) - (heapAfter - heapBefore);
            System.out.println("10,000 compressed sessions: RSS " + rssBefore / 1024 + " -> " + rssAfter / 1024 + " MiB, heap committed "
                    + heapBefore / 1024 + " -> " + heapAfter / 1024 + " MiB, growth outside the heap " + outsideHeap / 1024 + " MiB");
            // Four zlib streams a session (about 600 KiB, most of it the deflaters') add up to gigabytes when kept:
            // with release() disabled this measured about 690 MiB outside the heap, with it about 80 (malloc arenas).
            assertThat(outsideHeap).as("RSS growth outside the Java heap, KiB, over 10,000 compressed sessions")
                    .isLessThan(256 * 1024);
        }
    }

    private static void cycles(HalyardClientContainer client, URI uri, ClientEndpointConfig config, String message, int count)
            throws Exception {
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
            work.add(workers.submit(() -> {
                for (int i = 0; i < count / 4; i++) {
                    ClientMessages.Programmatic endpoint = new ClientMessages.Programmatic();
                    Session session = client.connectToServer(endpoint, config, uri);
                    session.getBasicRemote().sendText(message);
                    assertThat(endpoint.inbox.next("compressed echo")).isEqualTo(message);
                    session.close();
                    endpoint.inbox.closed.get(10, TimeUnit.SECONDS);
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> done : work) {
            done.get(300, TimeUnit.SECONDS);
        }
        workers.shutdown();
    }

    private static long committedHeapKilobytes() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
    }

    private static long residentKilobytes() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("No VmRSS in /proc/self/status");
    }
}
