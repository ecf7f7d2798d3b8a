// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.diagnostics.WarnOnce;
import dev.halyard.websocket.extension.ExtensionChain;
import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.frame.FrameListener;
import dev.halyard.websocket.frame.FrameParser;
import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.ProtocolException;
import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.frame.Utf8CheckingListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection over a {@link Transport}: the read loop, the inbound chain (parser,
 * extensions, UTF-8 check), automatic pongs, the send queue and the close handshake's frames.
 * It knows nothing of Jakarta: what arrives goes to its {@link Events}.
 *
 * <p>The read loop runs on the transport's executor, one pass at a time: it reads and parses
 * until the transport has nothing more, then asks to be called back. Application code runs
 * inside that loop, so while a handler works, nothing more is read: a slow application slows
 * the reading instead of piling up input. The automatic pong is held to the same rule: while it
 * cannot be written (a peer that pings but does not read), the loop parks, and resumes when the
 * pong is out, so a ping flood costs one pong's memory, not one per ping.
 */
public final class WebSocketConnection {

    private static final WarnOnce WARNINGS = new WarnOnce(System.getLogger(WebSocketConnection.class.getName()));

    /** What the connection reports; called on the read loop's thread unless noted. */
    public interface Events {

        /** A piece of a data message, after extensions and the UTF-8 check. */
        void onDataFrame(int opcode, boolean fin, ByteBuffer payload, boolean frameEnd) throws ProtocolException;

        void onPong(ByteBuffer payload);

        /** The peer's close frame; {@code code} is 1005 when it carried none. */
        void onCloseFrame(int code, String reason);

        /** The peer broke a rule. */
        void onProtocolError(ProtocolException error);

        /** The input ended or failed without a close frame; {@code error} is null at a plain end of input. Any thread. */
        void onConnectionLost(IOException error);

        /**
         * Asynchronous sends have been refused for longer than the connection allows (the peer does
         * not read); on the executor, once.
         */
        default void onSendsStuck(long refusedForMillis) {
        }
    }

    private final Transport transport;
    private final FrameParser parser;
    private final SendQueue sends;
    private final ExtensionChain extensions;
    private final SessionStatistics statistics;
    /** Read-loop thread only: the frames read, published to {@link #statistics} after each read. */
    private final FrameTally received;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Written by the read loop without a fence, read by anyone: a hint for logs. */
    private ReadState reading = ReadState.NOT_STARTED;
    private Events events;
    private ByteBuffer readBuffer;
    /** Read-loop thread only: whether {@link #readBuffer} holds parsed-to-here input (flipped) left when the loop parked. */
    private boolean leftover;
    /** Read-loop thread only: the pong the parser stopped for, not yet written when it was queued. */
    private AutomaticPong awaitedPong;
    private volatile long lastActivityNanos = System.nanoTime();
    /** When a byte was last read from the peer, for the keepalive. */
    private volatile long lastReadNanos = System.nanoTime();
    // Made once: a method reference allocates each time it is evaluated, and these run per read.
    private final Runnable readLoopTask = this::readLoop;
    private final Runnable onReadableTask = this::onReadable;

    public WebSocketConnection(Transport transport, Role role, ExtensionChain extensions, long maxBacklogBytes) {
        this(transport, role, extensions, maxBacklogBytes, new SendBudget(Long.MAX_VALUE), Long.MAX_VALUE, new SessionStatistics());
    }

    /**
     * @param budget the container's bound on bytes waiting unsent, shared by its connections
     * @param stuckAfterMillis how long asynchronous sends may keep being refused before the session hears it
     * @param statistics what the connection counts into, shared with the other sessions of its endpoint or client
     */
    public WebSocketConnection(Transport transport, Role role, ExtensionChain extensions, long maxBacklogBytes, SendBudget budget,
            long stuckAfterMillis, SessionStatistics statistics) {
        this.transport = transport;
        this.extensions = extensions;
        this.statistics = statistics;
        this.sends = new SendQueue(transport, new FrameWriter(role), new SendBacklog(maxBacklogBytes, budget, stuckAfterMillis, statistics),
                () -> transport.executor().execute(() -> events.onSendsStuck(stuckAfterMillis)), this::touch,
                this::onWriteFailure, statistics);
        this.received = new FrameTally(statistics.in());
        this.parser = new FrameParser(role, received.counting(extensions.inbound(new Utf8CheckingListener(new Terminal()))));
        this.parser.setAllowedRsv(extensions.rsvBits());
    }

    /** Starts reading; events flow to {@code events} from now on. */
    public void start(Events events) {
        this.events = events;
        transport.executor().execute(readLoopTask);
    }

    public Transport transport() {
        return transport;
    }

    ExtensionChain extensions() {
        return extensions;
    }

    SendQueue sends() {
        return sends;
    }

    SessionStatistics statistics() {
        return statistics;
    }

    /** Message limits applied on each frame header (the parser's 1009 check). */
    public void setMaxMessageBytes(long text, long binary) {
        parser.setMaxMessageBytes(text, binary);
    }

    /** When a frame was last read or written, for the idle timeout. */
    long lastActivityNanos() {
        return lastActivityNanos;
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** When a byte was last read from the peer. */
    long lastReadNanos() {
        return lastReadNanos;
    }

    /** Queues a ping of the container's own, ahead of queued data. */
    void sendPing(ByteBuffer payload) {
        sends.enqueue(new OutgoingFrame(OpCode.PING, true, 0, payload, SendCompletion.NONE, false));
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Queues a close frame behind everything already queued; once it is written (or fails),
     * {@code afterWrite} runs, if not null. An empty frame is sent for 1005. When the frame is not
     * written within {@code writeTimeoutMillis} (a peer that does not read, with data queued ahead
     * of it), the connection is dropped, so that a closed session never keeps its socket.
     */
    void sendClose(int code, String reason, long writeTimeoutMillis, Runnable afterWrite) {
        ByteBuffer payload;
        if (code == CloseStatus.NO_STATUS_CODE) {
            payload = ByteBuffer.allocate(0);
        } else {
            byte[] reasonBytes = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
            payload = ByteBuffer.allocate(2 + reasonBytes.length);
            payload.putShort((short) code).put(reasonBytes).flip();
        }
        java.util.concurrent.ScheduledFuture<?> deadline = Timers.schedule(() -> closeTransport(new IOException(
                "The close frame could not be written within " + writeTimeoutMillis + " ms: the peer does not read, "
                        + "so the connection is dropped")), writeTimeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        SendCompletion completion = new SendCompletion() {
            @Override
            public void succeeded() {
                written();
            }

            @Override
            public void failed(Throwable cause) {
                written();
            }

            private void written() {
                deadline.cancel(false);
                if (afterWrite != null) {
                    afterWrite.run();
                }
            }
        };
        sends.enqueue(new OutgoingFrame(OpCode.CLOSE, true, 0, payload, completion, false));
    }

    /** Closes the transport and fails whatever is still queued. Idempotent. */
    void closeTransport(IOException reasonForQueued) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sends.fail(reasonForQueued);
        transport.close();
        try {
            extensions.release();
        } catch (RuntimeException e) {
            WARNINGS.log("release " + e.getClass().getName(), "An extension failed to release its resources: " + this, e);
        }
    }

    private void readLoop() {
        reading = ReadState.READING;
        try {
            while (!closed.get()) {
                if (readBuffer == null) {
                    readBuffer = ReadBuffers.acquire();
                }
                if (!leftover) {
                    int n = transport.read(readBuffer);
                    if (n <= 0) {
                        ReadBuffers.release(readBuffer);
                        readBuffer = null;
                        if (n < 0) {
                            events.onConnectionLost(null);
                        } else if (!parser.isClosed()) {
                            reading = ReadState.AWAITING_INPUT;
                            transport.awaitReadable(onReadableTask);
                        }
                        return;
                    }
                    touch();
                    lastReadNanos = lastActivityNanos;
                    readBuffer.flip();
                }
                leftover = false;
                parser.parse(readBuffer);
                received.publish();
                AutomaticPong pong = awaitedPong;
                if (pong != null) {
                    awaitedPong = null;
                    if (readBuffer.hasRemaining()) {
                        leftover = true;
                    } else {
                        readBuffer.clear();
                    }
                    reading = ReadState.PARKED_BEHIND_PONG; // first: once parked, the pong's completion may resume the loop
                    if (pong.park()) {
                        return; // the pong's completion runs the loop again
                    }
                    reading = ReadState.READING;
                    continue;
                }
                readBuffer.clear();
            }
        } catch (ProtocolException e) {
            events.onProtocolError(e);
        } catch (IOException e) {
            events.onConnectionLost(e);
        } catch (RuntimeException | Error e) {
            events.onConnectionLost(new IOException("Unexpected failure in the read loop: " + e, e));
        }
        received.publish(); // what came before a protocol error
        if (readBuffer != null) {
            ReadBuffers.release(readBuffer);
            readBuffer = null;
        }
    }

    /**
     * A write failed, perhaps on a container's thread that finished it: the socket goes at once, and
     * the session hears it on the executor, since telling it runs the endpoint's onError and onClose.
     */
    private void onWriteFailure(Throwable cause) {
        if (closed.get()) {
            return;
        }
        IOException error = cause instanceof IOException ? (IOException) cause : new IOException(cause);
        closeTransport(error);
        transport.executor().execute(() -> events.onConnectionLost(error));
    }

    private void onReadable() {
        transport.executor().execute(readLoopTask);
    }

    /** Open (and where the read loop is) or closed, the parser, the send queue and the transport, in one line. */
    @Override
    public String toString() {
        String loop = reading.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return "WebSocketConnection[" + (closed.get() ? "closed" : "open, read loop " + loop) + ", " + parser + ", " + sends + ", "
                + transport + "]";
    }

    /** Where the read loop of an open connection is, as {@link #toString} says it. */
    private enum ReadState { NOT_STARTED, READING, AWAITING_INPUT, PARKED_BEHIND_PONG }

    /** The end of the inbound chain: data to the events, control frames answered or reported. */
    private final class Terminal implements FrameListener {

        @Override
        public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
            events.onDataFrame(opcode, fin, payload, frameEnd);
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            switch (opcode) {
                case OpCode.PING:
                    // Answer with the same data, ahead of queued messages (RFC 6455 §5.5.2); read no
                    // further until it is written.
                    ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
                    AutomaticPong pong = new AutomaticPong(onReadableTask);
                    sends.enqueue(new OutgoingFrame(OpCode.PONG, true, 0, copy, pong, false));
                    if (!pong.isDone()) {
                        awaitedPong = pong;
                        parser.suspend();
                    }
                    break;
                case OpCode.PONG:
                    events.onPong(payload);
                    break;
                default:
                    events.onCloseFrame(CloseStatus.codeOf(payload), CloseStatus.reasonOf(payload));
                    break;
            }
        }
    }
}
