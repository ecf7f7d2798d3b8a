// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.MessageHandler;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many senders at once, slow peers and slow handlers. */
class ConcurrencyTest {

    private static final int THREADS = 16;
    private static final int PER_THREAD = 1000;

    /** A message that shows interleaving or corruption: its header repeated through a body of varying length. */
    private static String message(int thread, int index) {
        String tag = "t" + thread + "-" + index + ";";
        return tag.repeat(1 + (thread * 31 + index * 17) % 40);
    }

    @Test
    void sixteenThreadsSendingAThousandMessagesEachThroughBasicAndAsync() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        // Eight asynchronous senders may queue up to 1.6 MB between them before the pipe drains: room for
        // all of it, since this test is about order and integrity, not the backlog's bound.
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server,
                SessionConfig.defaults().withMaxSendBacklogBytes(16 * 1024 * 1024), SessionConfig.defaults(), 8 * 1024);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    List<Future<Void>> pending = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        if (thread % 2 == 0) {
                            pair.client.getBasicRemote().sendText(message(thread, i));
                        } else {
                            pending.add(pair.client.getAsyncRemote().sendText(message(thread, i)));
                        }
                    }
                    for (Future<Void> future : pending) {
                        future.get(30, TimeUnit.SECONDS);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertThat(failures).isEmpty();

        Map<Integer, Integer> nextIndex = new HashMap<>();
        for (int n = 0; n < THREADS * PER_THREAD; n++) {
            String received = (String) server.nextMessage();
            String tag = received.substring(0, received.indexOf(';') + 1);
            int thread = Integer.parseInt(tag.substring(1, tag.indexOf('-')));
            int index = Integer.parseInt(tag.substring(tag.indexOf('-') + 1, tag.length() - 1));
            assertThat(received).as("intact, not interleaved").isEqualTo(message(thread, index));
            assertThat(index).as("order of thread " + thread).isEqualTo(nextIndex.getOrDefault(thread, 0));
            nextIndex.put(thread, index + 1);
        }
        assertThat(nextIndex).hasSize(THREADS).allSatisfy((thread, count) -> assertThat(count).isEqualTo(PER_THREAD));
        assertThat(server.messages).isEmpty();
    }

    @Test
    void blockingSendsInsideAHandlerWhileThePeerReadsSlowly() throws Exception {
        int replies = 200;
        byte[] reply = new byte[32 * 1024];
        CountDownLatch replying = new CountDownLatch(1);
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(String.class, text -> {
            replying.countDown();
            for (int i = 0; i < replies; i++) {
                reply[0] = (byte) i;
                MessagingTest.io(() -> session.getBasicRemote().sendBinary(ByteBuffer.wrap(reply.clone())));
            }
            MessagingTest.io(() -> session.getBasicRemote().sendText("done"));
        }));
        AtomicInteger received = new AtomicInteger();
        List<Integer> firstBytes = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingEndpoint client = new RecordingEndpoint(session -> {
            session.addMessageHandler(ByteBuffer.class, data -> {
                firstBytes.add((int) data.get(0));
                received.incrementAndGet();
            });
            session.addMessageHandler(String.class, text -> received.incrementAndGet());
        });
        // 4 KiB pipes: 6.4 MiB of replies must wait for the reader again and again.
        SessionPair pair = SessionPair.open(client, server, SessionConfig.defaults(), SessionConfig.defaults(), 4 * 1024);
        pair.clientTransport.pauseReading();
        pair.client.getBasicRemote().sendText("go");
        assertThat(replying.await(10, TimeUnit.SECONDS)).isTrue();
        // The replies are on their way to a peer that does not read: nothing follows to wait for, so watch.
        eventually().during(Duration.ofMillis(200)).untilAsserted(() -> assertThat(received.get()).isZero());
        for (int round = 0; round < 50 && received.get() < replies + 1; round++) { // a reader that reads in fits
            pair.clientTransport.resumeReading();
            Thread.sleep(20); // paced: reads for 20 ms
            pair.clientTransport.pauseReading();
            Thread.sleep(10); // then stops for 10 ms
        }
        pair.clientTransport.resumeReading();
        eventually().until(() -> received.get() == replies + 1);
        for (int i = 0; i < replies; i++) {
            assertThat(firstBytes.get(i)).isEqualTo((int) (byte) i);
        }
        assertThat(server.errors).isEmpty();
        assertThat(pair.server.isOpen()).isTrue();
    }

    @Test
    void handlerCallsNeverOverlapAndASlowHandlerStopsTheReading() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            MessageHandler.Whole<String> text = message -> {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                handled.incrementAndGet();
            };
            session.addMessageHandler(String.class, text);
            session.addMessageHandler(ByteBuffer.class, data -> {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                inside.decrementAndGet();
                handled.incrementAndGet();
            });
        });
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server, SessionConfig.defaults(),
                SessionConfig.defaults(), 16 * 1024);
        List<Future<Void>> sends = new ArrayList<>();
        byte[] chunk = new byte[4096];
        for (int i = 0; i < 200; i++) {
            sends.add(i % 2 == 0 ? pair.client.getAsyncRemote().sendText("m" + i)
                    : pair.client.getAsyncRemote().sendBinary(ByteBuffer.wrap(chunk)));
        }
        eventually().until(() -> inside.get() == 1);
        // The handler holds the read loop: beyond one read buffer, nothing more is read. Nothing follows
        // to wait for, so watch.
        eventually().during(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(pair.serverTransport.bytesRead()).isLessThanOrEqualTo(ReadBuffers.SIZE));
        release.countDown();
        for (Future<Void> send : sends) {
            send.get(10, TimeUnit.SECONDS);
        }
        eventually().until(() -> handled.get() == 200);
        assertThat(maxInside.get()).isEqualTo(1);
    }

    @Test
    void asyncBacklogIsBoundedInBytes() throws Exception {
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting(),
                SessionConfig.defaults().withMaxSendBacklogBytes(100_000), SessionConfig.defaults(), 4 * 1024);
        pair.serverTransport.pauseReading();
        List<Future<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sends.add(pair.client.getAsyncRemote().sendBinary(ByteBuffer.allocate(10_000)));
        }
        Future<Void> refused = sends.get(sends.size() - 1);
        assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("exceeds the limit of 100000 bytes");
        long accepted = sends.stream().filter(f -> !((java.util.concurrent.CompletableFuture<Void>) f).isCompletedExceptionally()).count();
        assertThat(accepted).as("about 100 kB accepted, the rest refused").isBetween(9L, 12L);
        assertThat(pair.client.isOpen()).as("the session lives on").isTrue();
        pair.serverTransport.resumeReading();
        for (Future<Void> send : sends.subList(0, (int) accepted)) {
            send.get(10, TimeUnit.SECONDS);
        }
        pair.client.getAsyncRemote().sendBinary(ByteBuffer.allocate(10_000)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void asyncSendTimeoutFailsAQueuedMessageWithoutClosing() throws Exception {
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting(),
                SessionConfig.defaults(), SessionConfig.defaults(), 4 * 1024);
        pair.serverTransport.pauseReading();
        pair.client.getAsyncRemote().setSendTimeout(200);
        assertThat(pair.client.getAsyncRemote().getSendTimeout()).isEqualTo(200);
        Future<Void> first = pair.client.getAsyncRemote().sendBinary(ByteBuffer.allocate(50_000)); // fills the pipe, in flight
        List<jakarta.websocket.SendResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        pair.client.getAsyncRemote().sendText("queued behind it", results::add);
        eventually().until(() -> results.size() == 1);
        assertThat(results.get(0).isOK()).isFalse();
        assertThat(results.get(0).getException()).isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("send timeout of 200 ms");
        assertThat(results.get(0).getSession()).isSameAs(pair.client);
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SocketTimeoutException.class);
        // The first was half written: the session cannot go on.
        eventually().until(() -> !pair.client.isOpen());
    }

    @Test
    void blockingSendTimeoutClosesTheSession() throws Exception {
        RecordingEndpoint client = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(client, RecordingEndpoint.collecting(),
                SessionConfig.defaults().withSendTimeouts(0, 300), SessionConfig.defaults(), 4 * 1024);
        pair.serverTransport.pauseReading();
        long start = System.nanoTime();
        assertThatThrownBy(() -> pair.client.getBasicRemote().sendBinary(ByteBuffer.allocate(100_000)))
                .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("blocking send timeout of 300 ms");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(290);
        assertThat(client.awaitClose().getCloseCode()).isEqualTo(jakarta.websocket.CloseReason.CloseCodes.CLOSED_ABNORMALLY);
    }

    @Test
    void partialMessagesAreNotInterleavedWithOtherThreadsMessages() throws Exception {
        RecordingEndpoint server = RecordingEndpoint.collecting();
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), server);
        pair.client.getBasicRemote().sendText("part 1, ", false);
        Thread other = new Thread(() -> MessagingTest.io(() -> pair.client.getBasicRemote().sendText("whole")));
        other.start();
        eventually().untilAsserted(() -> assertThat(other.getState()).as("waits for the partial message")
                .isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED));
        assertThatThrownBy(() -> pair.client.getBasicRemote().sendBinary(ByteBuffer.allocate(1), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("partial text message is in progress");
        assertThatThrownBy(() -> pair.client.getBasicRemote().sendText("whole from the owner"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unfinished");
        pair.client.getBasicRemote().sendText("part 2", true);
        other.join(5000);
        assertThat(server.nextMessage()).isEqualTo("part 1, part 2");
        assertThat(server.nextMessage()).isEqualTo("whole");
    }

    @Test
    void sessionPropertiesFromTheHandshake() throws Exception {
        java.util.Set<jakarta.websocket.Session> group = java.util.concurrent.ConcurrentHashMap.newKeySet();
        SessionPair first = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting(),
                SessionConfig.defaults(), SessionConfig.defaults(), 1024, group);
        SessionPair second = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting(),
                SessionConfig.defaults(), SessionConfig.defaults(), 1024, group);
        HalyardSession server = first.server;
        assertThat(server.getId()).matches("[0-9a-f]{32}").isNotEqualTo(second.server.getId()).isNotEqualTo(first.client.getId());
        assertThat(server.getProtocolVersion()).isEqualTo("13");
        assertThat(server.getNegotiatedSubprotocol()).isEqualTo("chat.v1");
        assertThat(first.client.getNegotiatedSubprotocol()).isEmpty();
        assertThat(server.getNegotiatedExtensions()).isEmpty();
        assertThat(server.getRequestURI()).hasToString("ws://localhost/chat/room1?user=ann");
        assertThat(server.getQueryString()).isEqualTo("user=ann");
        assertThat(server.getRequestParameterMap()).containsEntry("user", List.of("ann"));
        assertThat(server.getPathParameters()).containsEntry("room", "room1");
        assertThat(server.getUserPrincipal().getName()).isEqualTo("ann");
        assertThat(server.isSecure()).isFalse();
        assertThat(server.getUserProperties()).containsEntry("configured", "yes");
        server.getUserProperties().put("mine", 1);
        assertThat(second.server.getUserProperties()).doesNotContainKey("mine");
        assertThat(server.getOpenSessions()).containsExactlyInAnyOrder(first.server, second.server);
        second.server.close();
        eventually().until(() -> group.size() == 1);
        assertThat(server.getOpenSessions()).containsExactly(first.server);
        assertThat(server.getMaxTextMessageBufferSize()).isEqualTo(SessionDefaults.MAX_TEXT_MESSAGE_BYTES);
    }
}
