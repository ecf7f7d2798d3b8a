// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.extension.ExtensionChain;
import dev.halyard.websocket.extension.OutgoingData;
import dev.halyard.websocket.frame.OpCode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The session's side of sending: turns messages into frames for the {@link SendQueue} and keeps
 * messages from interleaving. A partial message (sendText/sendBinary with isLast, a send stream
 * or writer) belongs to the thread that started it until its last part: whole messages from other
 * threads wait for it rather than fail, and the owner mixing in another message gets an
 * {@link IllegalStateException}.
 */
final class Outbound {

    private final SendContext context;
    private final SendQueue queue;
    /** The negotiated extensions (compression), or null when there are none. */
    private final ExtensionChain extensions;
    private final boolean extensionsKeepState;
    private final SessionStatistics statistics;

    // The partial message in progress, guarded by this.
    private Thread partialOwner;
    private int partialType;
    /** A high surrogate that ended a text part, held for the next part so the pair is encoded whole. */
    private char heldSurrogate;
    /** Whether data frames wait in the batch for a flush. */
    private boolean batching;
    /** Send timers of batched messages, started at the next flush (C21). */
    private final List<Runnable> timersAwaitingFlush = new java.util.ArrayList<>();

    Outbound(SendContext context, SendQueue queue, ExtensionChain chain, SessionStatistics statistics) {
        this.context = context;
        this.statistics = statistics;
        this.queue = queue;
        this.extensions = chain.extensions().isEmpty() ? null : chain;
        this.extensionsKeepState = chain.keepsOutgoingState();
    }

    /**
     * Whether a queued frame may be withdrawn unsent. Not when an extension carries state from
     * message to message (compression with context takeover): the peer's decompressor would miss
     * what the compressor remembered.
     */
    boolean canWithdraw() {
        return !extensionsKeepState;
    }

    /** The frame to queue for one data frame of a message, after the extensions; the caller holds the monitor. */
    private OutgoingFrame frame(int opcode, boolean fin, ByteBuffer payload, SendCompletion completion, boolean bounded)
            throws IOException {
        if (extensions == null) {
            return new OutgoingFrame(opcode, fin, 0, payload, completion, bounded);
        }
        OutgoingData out;
        try {
            out = extensions.outgoing(new OutgoingData(opcode, fin, 0, payload));
        } catch (IllegalStateException e) {
            throw new IOException("The session is closed", e);
        }
        return new OutgoingFrame(out.opcode(), out.fin(), out.rsv(), out.payload(), completion, bounded);
    }

    SendQueue queue() {
        return queue;
    }

    /**
     * While batching, data frames wait for {@link #flushBatch} (Jakarta {@code setBatchingAllowed}).
     * The timers of the messages batched so far start once the flush has begun: a message queued
     * during the flush may go out with it and still have its timer wait for the next flush, late
     * rather than early.
     */
    void setBatching(boolean on) {
        List<Runnable> due;
        synchronized (this) {
            batching = on;
            due = on ? List.of() : takeTimersAwaitingFlush();
        }
        queue.setBatching(on);
        due.forEach(Runnable::run);
    }

    void flushBatch() {
        List<Runnable> due;
        synchronized (this) {
            due = takeTimersAwaitingFlush();
        }
        queue.flushBatch();
        due.forEach(Runnable::run);
    }

    private List<Runnable> takeTimersAwaitingFlush() {
        List<Runnable> due = List.copyOf(timersAwaitingFlush);
        timersAwaitingFlush.clear();
        return due;
    }

    /** A send was not written within its timeout. */
    void countSendTimeout() {
        statistics.countSendTimeout();
    }

    /**
     * Queues a whole text or binary message.
     *
     * @param startTimer starts the message's send timeout for the frame queued; run now, or, while
     *     batching, once the batch is flushed (Jakarta WebSocket 2.3, {@code setSendTimeout}); null for none
     * @return the queued frame, which a send timeout may {@linkplain SendQueue#withdraw withdraw}
     */
    OutgoingFrame sendWhole(int opcode, ByteBuffer payload, SendCompletion completion, boolean bounded,
            Consumer<OutgoingFrame> startTimer) throws IOException {
        OutgoingFrame frame;
        SendQueue.Offer offer;
        boolean timerWaits = false;
        synchronized (this) {
            awaitNoForeignPartial(opcode);
            frame = frame(opcode, true, payload, completion, bounded);
            offer = queue.offer(frame);
            if (startTimer != null && batching && offer == SendQueue.Offer.QUEUED) {
                timersAwaitingFlush.add(() -> startTimer.accept(frame));
                timerWaits = true;
            }
        }
        flushIf(offer);
        if (startTimer != null && !timerWaits && offer != SendQueue.Offer.REFUSED) {
            startTimer.accept(frame);
        }
        return frame;
    }

    private void flushIf(SendQueue.Offer offer) {
        if (offer == SendQueue.Offer.MUST_FLUSH) {
            queue.flush(); // outside the monitor: other senders queue while this thread writes
        }
    }

    /** Queues one part of a text message, encoded to UTF-8 with surrogate pairs kept whole across parts. */
    void sendTextPart(String part, boolean last, SendCompletion completion) throws IOException {
        SendQueue.Offer offer;
        synchronized (this) {
            String text = heldSurrogate != 0 ? heldSurrogate + part : part;
            heldSurrogate = 0;
            if (!last && !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
                heldSurrogate = text.charAt(text.length() - 1);
                text = text.substring(0, text.length() - 1);
            }
            offer = offerPart(OpCode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), last, completion);
        }
        flushIf(offer);
    }

    /** Queues one part of a binary message. */
    void sendBinaryPart(ByteBuffer part, boolean last, SendCompletion completion) throws IOException {
        SendQueue.Offer offer;
        synchronized (this) {
            offer = offerPart(OpCode.BINARY, part, last, completion);
        }
        flushIf(offer);
    }

    private SendQueue.Offer offerPart(int type, ByteBuffer payload, boolean last, SendCompletion completion) throws IOException {
        Thread me = Thread.currentThread();
        if (partialOwner == me && partialType != type) {
            throw new IllegalStateException("A partial " + OpCode.name(partialType).toLowerCase(java.util.Locale.ROOT)
                    + " message is in progress; finish it with isLast=true before sending "
                    + OpCode.name(type).toLowerCase(java.util.Locale.ROOT) + " parts");
        }
        if (partialOwner != me) {
            awaitNoForeignPartial(-1);
        }
        int opcode = partialOwner == me ? OpCode.CONTINUATION : type;
        if (last) {
            partialOwner = null;
            partialType = 0;
            notifyAll();
        } else {
            partialOwner = me;
            partialType = type;
        }
        return queue.offer(frame(opcode, last, payload, completion, false));
    }

    /**
     * Waits while another thread's partial message is unfinished; the caller holds the monitor.
     *
     * @param wholeOpcode the opcode of the whole message to send, or -1 for a part of a message
     */
    private void awaitNoForeignPartial(int wholeOpcode) throws IOException {
        Thread me = Thread.currentThread();
        if (partialOwner == null) {
            return; // the common case, without building any message
        }
        if (partialOwner == me) {
            String what = wholeOpcode < 0 ? "a partial message"
                    : "a whole " + OpCode.name(wholeOpcode).toLowerCase(java.util.Locale.ROOT) + " message";
            throw new IllegalStateException("Cannot send " + what + " while this thread's partial "
                    + OpCode.name(partialType).toLowerCase(java.util.Locale.ROOT)
                    + " message is unfinished; send its last part (isLast=true) first");
        }
        long deadline = System.nanoTime() + context.blockingSendTimeoutMillis() * 1_000_000;
        while (partialOwner != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new java.net.SocketTimeoutException("Another thread's partial message did not finish within "
                        + context.blockingSendTimeoutMillis() + " ms");
            }
            try {
                wait(left / 1_000_000 + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while another thread's partial message was being sent");
            }
        }
    }

    /** Queues a ping or pong; they go ahead of queued data. */
    void sendControl(int opcode, ByteBuffer payload, SendCompletion completion) {
        if (payload.remaining() > 125) {
            throw new IllegalArgumentException(OpCode.name(opcode) + " payload of " + payload.remaining()
                    + " bytes exceeds 125 (RFC 6455 §5.5)");
        }
        queue.enqueue(new OutgoingFrame(opcode, true, 0, payload, completion, false));
    }
}
