// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The inbox and who reads the stream, with the container played by the test: bytes arrive in a fake
 * input stream, and the test calls {@code onDataAvailable} as the container's dispatch would.
 */
class InboxTest {

    /** An upgraded input stream whose peer is the test; {@code isReady()} says whether arrived bytes wait. */
    private static final class PeerInput extends ServletInputStream {
        private final ArrayDeque<Byte> arrived = new ArrayDeque<>();
        /** How many bytes arrived so far: byte i of the stream is {@code (byte) i}. */
        private int sent;
        private boolean finished;
        /** Run when {@code isReady()} says false, as data arriving at once after read interest is registered. */
        private Runnable onNotReady;

        void arrive(int count) {
            for (int i = 0; i < count; i++) {
                arrived.add((byte) sent++);
            }
        }

        int waiting() {
            return arrived.size();
        }

        @Override
        public boolean isFinished() {
            return finished && arrived.isEmpty();
        }

        @Override
        public boolean isReady() {
            if (!arrived.isEmpty()) {
                return true;
            }
            Runnable then = onNotReady;
            onNotReady = null;
            if (then != null) {
                then.run();
            }
            return false;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (arrived.isEmpty()) {
                return finished ? -1 : 0;
            }
            int n = Math.min(len, arrived.size());
            for (int i = 0; i < n; i++) {
                b[off + i] = arrived.poll();
            }
            return n;
        }

        @Override
        public int read() {
            return arrived.isEmpty() ? -1 : arrived.poll() & 0xFF;
        }
    }

    /** Quirks as the test chooses, counting the read dispatches asked for. */
    private static final class Quirks implements ContainerQuirks {
        private final boolean onlyContainerThreadsRead;
        final AtomicInteger readDispatches = new AtomicInteger();

        Quirks(boolean onlyContainerThreadsRead) {
            this.onlyContainerThreadsRead = onlyContainerThreadsRead;
        }

        @Override
        public boolean onlyContainerThreadsRead() {
            return onlyContainerThreadsRead;
        }

        @Override
        public void requestReadDispatch() {
            readDispatches.incrementAndGet();
        }

        @Override
        public void requestCloseDispatch() {
        }
    }

    private final PeerInput peer = new PeerInput();
    private final AtomicBoolean connectionEnded = new AtomicBoolean();

    private Inbox inbox(ContainerQuirks quirks) {
        return new Inbox(peer, quirks, connectionEnded::get);
    }

    /** Whether {@code inbox.awaitReadable} calls back at once, that is, the read loop must not wait. */
    private static boolean readableNow(Inbox inbox) {
        AtomicBoolean called = new AtomicBoolean();
        inbox.awaitReadable(() -> called.set(true));
        return called.get();
    }

    /** Reads until the read loop would wait, in reads of at most {@code size}; returns how many bytes it got. */
    private static int readAll(Inbox inbox, int size) throws IOException {
        int total = 0;
        int n;
        while ((n = inbox.read(ByteBuffer.allocate(size))) > 0) {
            total += n;
        }
        assertThat(n).as("the read after the last bytes").isZero();
        return total;
    }

    @Test
    void aDispatchReadsWhatArrivedAndWakesTheWaitingReadLoop() throws IOException {
        Inbox inbox = inbox(ContainerQuirks.NONE);
        AtomicBoolean woken = new AtomicBoolean();
        assertThat(inbox.read(ByteBuffer.allocate(100))).as("nothing arrived yet").isZero();
        inbox.awaitReadable(() -> woken.set(true));
        assertThat(woken).isFalse();

        peer.arrive(300);
        inbox.onDataAvailable();

        assertThat(woken).isTrue();
        assertThat(peer.waiting()).isZero();
        assertThat(readAll(inbox, 100)).isEqualTo(300);
        assertThat(readableNow(inbox)).as("with the inbox empty, the loop waits for the next dispatch").isFalse();
    }

    @Test
    void theEndOfInputComesAfterWhatTheInboxHolds() throws IOException {
        Inbox inbox = inbox(ContainerQuirks.NONE);
        peer.arrive(10);
        peer.finished = true;
        inbox.onDataAvailable();

        ByteBuffer target = ByteBuffer.allocate(100);
        assertThat(inbox.read(target)).isEqualTo(10);
        assertThat(inbox.read(target)).isEqualTo(-1);
        assertThat(readableNow(inbox)).isTrue();
    }

    @Test
    void aReadLoopAskingToWaitOnAnEndedConnectionIsCalledAtOnce() {
        Inbox inbox = inbox(ContainerQuirks.NONE);
        assertThat(readableNow(inbox)).isFalse();
        connectionEnded.set(true);
        assertThat(readableNow(inbox)).isTrue();
    }

    /** Most containers: the container thread hands the stream to the read loop, which reads on itself once it has room. */
    @Test
    void withAFullInboxTheReadLoopReadsTheStreamItself() throws IOException {
        Inbox inbox = inbox(ContainerQuirks.NONE);
        peer.arrive(Inbox.CAPACITY + 40_000);
        inbox.onDataAvailable();
        assertThat(peer.waiting()).as("left in the stream by the container thread").isEqualTo(40_000);
        assertThat(readableNow(inbox)).isTrue();

        assertThat(readAll(inbox, 16 * 1024)).isEqualTo(Inbox.CAPACITY + 40_000);
        assertThat(peer.waiting()).isZero();
        assertThat(readableNow(inbox)).as("the stream said not ready: the container reads next").isFalse();
        peer.arrive(5);
        inbox.onDataAvailable();
        assertThat(readAll(inbox, 100)).isEqualTo(5);
    }

    /** Data that arrives as the read loop gives the stream back is dispatched to a container thread that finds the loop still owning it. */
    @Test
    void aDispatchThatComesWhileTheReadLoopGivesTheStreamBackIsNotLost() throws IOException {
        Inbox inbox = inbox(ContainerQuirks.NONE);
        peer.arrive(Inbox.CAPACITY + 1);
        inbox.onDataAvailable();
        peer.onNotReady = () -> {
            peer.arrive(7);
            try {
                inbox.onDataAvailable(); // the container's dispatch, before the loop has given the stream back
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };

        assertThat(readAll(inbox, 16 * 1024)).isEqualTo(Inbox.CAPACITY + 1);
        assertThat(readableNow(inbox)).as("the loop looks again before it waits").isTrue();
        assertThat(readAll(inbox, 100)).isEqualTo(7);
        assertThat(readableNow(inbox)).isFalse();
    }

    /** Tomcat: the container thread waits for room and gives up; the loop never reads the stream, and making room asks for a dispatch. */
    @Test
    void whereOnlyContainerThreadsReadMakingRoomAsksForAReadDispatch() throws IOException {
        Quirks quirks = new Quirks(true);
        Inbox inbox = inbox(quirks);
        peer.arrive(Inbox.CAPACITY + 40_000);
        inbox.onDataAvailable(); // waits for room that does not come, then returns
        assertThat(peer.waiting()).isEqualTo(40_000);
        assertThat(quirks.readDispatches).hasValue(0);

        assertThat(inbox.read(ByteBuffer.allocate(1000))).isEqualTo(1000);
        assertThat(quirks.readDispatches).as("asked once there is room").hasValue(1);
        assertThat(readAll(inbox, 16 * 1024)).as("only the inbox: the loop never reads the stream").isEqualTo(Inbox.CAPACITY - 1000);
        assertThat(peer.waiting()).isEqualTo(40_000);
        assertThat(quirks.readDispatches).as("asked once per time a container thread gave up").hasValue(1);

        inbox.onDataAvailable(); // the dispatch asked for
        assertThat(peer.waiting()).isZero();
        assertThat(readAll(inbox, 16 * 1024)).isEqualTo(40_000);
        assertThat(quirks.readDispatches).hasValue(1);
    }

    @Test
    void noReadDispatchIsAskedForOnceTheConnectionEnded() throws IOException {
        Quirks quirks = new Quirks(true);
        Inbox inbox = inbox(quirks);
        peer.arrive(Inbox.CAPACITY + 1);
        inbox.onDataAvailable();
        connectionEnded.set(true);

        assertThat(inbox.read(ByteBuffer.allocate(1000))).isEqualTo(1000);
        assertThat(quirks.readDispatches).hasValue(0);
    }

    /** Dispatches read into the last buffer's free room, then into new ones; the loop gets every byte, in order. */
    @Test
    void theBytesComeOutInOrderAndADrainedInboxHoldsNoBuffer() throws IOException {
        Inbox inbox = inbox(ContainerQuirks.NONE);
        peer.arrive(300);
        inbox.onDataAvailable();
        ByteBuffer received = ByteBuffer.allocate(40_300);
        assertThat(inbox.read(received.limit(100))).isEqualTo(100);
        peer.arrive(40_000);
        inbox.onDataAvailable();
        assertThat(inbox.buffersHeld()).as("40,200 bytes in buffers of 16 KiB").isEqualTo(3);

        while (received.position() < received.capacity()) {
            assertThat(inbox.read(received.limit(Math.min(received.capacity(), received.position() + 777)))).isPositive();
        }
        assertThat(inbox.read(ByteBuffer.allocate(10))).isZero();
        assertThat(inbox.buffersHeld()).as("an idle connection holds no buffer").isZero();
        for (int i = 0; i < received.capacity(); i++) {
            assertThat(received.get(i)).as("byte %d", i).isEqualTo((byte) i);
        }
    }

    /** A container thread reads into the buffer the read loop drains at the same time, where only container threads read. */
    @Test
    void noByteIsLostWhileAContainerThreadFillsTheBufferTheReadLoopDrains() throws Exception {
        Inbox inbox = inbox(new Quirks(true));
        int total = 1 << 20;
        Thread container = new Thread(() -> {
            int size = 1;
            try {
                while (peer.sent < total || peer.waiting() > 0) { // the stream is this thread's alone
                    if (peer.sent < total) {
                        peer.arrive(Math.min(size, total - peer.sent));
                        size = size * 7 % 20_000 + 1;
                    }
                    inbox.onDataAvailable(); // waits for room while the inbox is full
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, "container");
        container.start();

        ByteBuffer target = ByteBuffer.allocate(5000);
        int received = 0;
        while (received < total) {
            int n = inbox.read(target.clear());
            if (n == 0) {
                java.util.concurrent.Semaphore readable = new java.util.concurrent.Semaphore(0);
                inbox.awaitReadable(readable::release);
                assertThat(readable.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)).as("woken after %d bytes", received).isTrue();
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (target.get(i) != (byte) (received + i)) {
                    throw new AssertionError("byte " + (received + i) + " is " + target.get(i));
                }
            }
            received += n;
        }
        container.join();
        assertThat(inbox.read(target.clear())).isZero();
        assertThat(inbox.buffersHeld()).isZero();
    }
}
