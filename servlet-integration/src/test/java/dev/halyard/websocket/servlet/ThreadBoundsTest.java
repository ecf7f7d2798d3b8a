// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static dev.halyard.websocket.servlet.RawSocket.frame;
import static dev.halyard.websocket.servlet.RawSocket.handshake;
import static dev.halyard.websocket.servlet.RawSocket.text;
import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.OnMessage;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's pool of read loops and callbacks has a maximum ({@code halyard.maxThreads}), and a
 * full pool never stalls what must go on without it: writes finish on the container's threads,
 * stream handlers run on a pool of their own, and SendHandlers wait their turn off the container's
 * threads. Over real connections, with pools of one or two threads.
 */
class ThreadBoundsTest {

    /** The threads of a server pool that runs read loops and callbacks ("halyard-3-17"). */
    private static final Pattern POOL_THREAD = Pattern.compile("halyard-\\d+-\\d+");

    /** On "N": N binary messages of 32 KiB through the blocking remote, then "done". */
    @ServerEndpoint("/burst")
    public static class Burst {
        @OnMessage
        public void burst(String count, Session session) throws IOException {
            byte[] message = new byte[32 * 1024];
            for (int i = 0; i < Integer.parseInt(count); i++) {
                message[0] = (byte) i;
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(message));
            }
            session.getBasicRemote().sendText("done");
        }
    }

    /** Holds its thread until released, then answers. */
    @ServerEndpoint("/hold")
    public static class Hold {
        static volatile CountDownLatch release = new CountDownLatch(1);
        static final AtomicInteger HOLDING = new AtomicInteger();
        static final AtomicInteger MOST = new AtomicInteger();
        /** "halyard-3-" for the pool whose threads run these handlers. */
        static volatile String poolPrefix;

        @OnMessage
        public String hold(String text) throws InterruptedException {
            String name = Thread.currentThread().getName();
            poolPrefix = name.substring(0, name.lastIndexOf('-') + 1);
            MOST.accumulateAndGet(HOLDING.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } finally {
                HOLDING.decrementAndGet();
            }
            return "released " + text;
        }
    }

    /** Reads a binary message as a stream and answers with its length. */
    @ServerEndpoint("/stream")
    public static class Stream {
        @OnMessage
        public String read(InputStream in) throws IOException {
            return "read " + in.readAllBytes().length;
        }
    }

    /** On "N": N asynchronous texts of 64 KiB with a SendHandler each, recording the order and thread of their results. */
    @ServerEndpoint("/handlers")
    public static class Handlers {
        static final List<String> RESULTS = new CopyOnWriteArrayList<>();

        @OnMessage
        public void send(String count, Session session) {
            for (int i = 0; i < Integer.parseInt(count); i++) {
                int index = i;
                session.getAsyncRemote().sendText("x".repeat(64 * 1024) + i,
                        (SendResult result) -> RESULTS.add(index + " " + result.isOK() + " " + Thread.currentThread().getName()));
            }
        }
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void blockingSendsFromTheOnlyPoolThreadComplete(EmbeddedServer.Kind kind) throws Exception {
        // One thread, held by a handler that sends 6 MiB to a peer that reads late: each of its
        // writes finishes on a container thread, or the handler would wait for itself.
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Burst.class), Map.of("halyard.maxThreads", "1"));
                Socket socket = handshake(server.port(), "/burst")) {
            socket.getOutputStream().write(text("200"));
            Thread.sleep(500); // a peer that reads late: the server fills the socket and blocks
            InputStream in = socket.getInputStream();
            int binary = 0;
            RawSocket.Frame frame;
            while ((frame = RawSocket.Frame.read(in)) != null && frame.opcode() != 0x1) {
                assertThat(frame.opcode()).isEqualTo(0x2);
                assertThat(frame.payload()[0]).isEqualTo((byte) binary);
                binary++;
            }
            assertThat(binary).as("binary messages before the text").isEqualTo(200);
            assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("done");
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void busyHandlersUseAtMostTheMaximumThenQueuedWorkRuns(EmbeddedServer.Kind kind) throws Exception {
        Hold.release = new CountDownLatch(1);
        Hold.MOST.set(0);
        List<Socket> sockets = new ArrayList<>();
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Hold.class), Map.of("halyard.maxThreads", "2"))) {
            for (int i = 0; i < 6; i++) {
                Socket socket = handshake(server.port(), "/hold");
                sockets.add(socket);
                socket.getOutputStream().write(text("s" + i));
            }
            eventually().until(() -> Hold.HOLDING.get() == 2);
            // Time for a third handler to start, were the pool to allow one; nothing would follow it, so watch.
            eventually().during(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(Hold.HOLDING.get()).as("handlers running at once").isEqualTo(2));
            assertThat(Hold.poolPrefix).matches("halyard-\\d+-");
            assertThat(threadsNamed(Hold.poolPrefix)).as("threads of the pool").isLessThanOrEqualTo(2);
            Hold.release.countDown();
            for (int i = 0; i < 6; i++) {
                RawSocket.Frame answer = RawSocket.Frame.read(sockets.get(i).getInputStream());
                assertThat(new String(answer.payload(), StandardCharsets.UTF_8)).isEqualTo("released s" + i);
            }
            assertThat(Hold.MOST.get()).isEqualTo(2);
        } finally {
            Hold.release.countDown();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void aStreamHandlerRunsWhileItsReadLoopHoldsTheOnlyPoolThread(EmbeddedServer.Kind kind) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Stream.class), Map.of("halyard.maxThreads", "1"));
                Socket socket = handshake(server.port(), "/stream")) {
            byte[] piece = new byte[40_000];
            for (int i = 0; i < 5; i++) { // 200,000 bytes in five frames: more than the stream's pipe holds
                socket.getOutputStream().write(frame(i == 0 ? 0x2 : 0x0, i == 4, piece));
            }
            RawSocket.Frame answer = RawSocket.Frame.read(socket.getInputStream());
            assertThat(new String(answer.payload(), StandardCharsets.UTF_8)).isEqualTo("read 200000");
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedServer.Kind.class)
    void sendHandlersRunInOrderOnPoolThreadsNeverOnTheContainers(EmbeddedServer.Kind kind) throws Exception {
        Handlers.RESULTS.clear();
        int count = 200; // 12.8 MB: more than the sockets hold, so that most writes finish later
        try (EmbeddedServer server = EmbeddedServer.start(kind, Set.of(Handlers.class), Map.of("halyard.maxSendBacklog", "67108864"));
                Socket socket = handshake(server.port(), "/handlers")) {
            socket.getOutputStream().write(text(String.valueOf(count)));
            Thread.sleep(300); // a peer that reads late: writes back up, so that most finish later, on the container's threads
            InputStream in = socket.getInputStream();
            for (int i = 0; i < count; i++) {
                assertThat(RawSocket.Frame.read(in).opcode()).isEqualTo(0x1);
            }
            eventually().untilAsserted(() -> assertThat(Handlers.RESULTS).hasSize(count));
            for (int i = 0; i < count; i++) {
                String[] result = Handlers.RESULTS.get(i).split(" ");
                assertThat(result[0]).as("order of the results").isEqualTo(String.valueOf(i));
                assertThat(result[1]).isEqualTo("true");
                assertThat(result[2]).as("the thread of result " + i).matches(POOL_THREAD);
            }
        }
    }
}
