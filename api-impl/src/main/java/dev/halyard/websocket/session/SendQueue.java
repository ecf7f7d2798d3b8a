// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.OpCode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one ordered queue of outgoing frames of a connection. Any number of threads may enqueue at
 * once; frames go out in the order they were accepted, pings and pongs ahead of queued data,
 * nothing after a close frame, several frames per gathering write. Asynchronous data is bounded by
 * a {@link SendBacklog}: past it a send fails at once instead of piling up, and when sends keep
 * being refused the queue reports the connection stuck, once, so that the session can be closed.
 *
 * <p>The thread that finds the queue idle writes; when the transport completes a write at once,
 * the same thread loops on (no recursion), and when it completes later, the completing thread
 * carries on. That may be a container's thread: it wakes blocked senders and writes on, but hands
 * completions that run application code to the connection's {@link CallbackLane}.
 */
final class SendQueue {

    /** What became of a frame {@linkplain #offer offered} to the queue. */
    enum Offer {
        /** Refused; its completion has been told why. */
        REFUSED,
        /** Queued, and nobody is writing: the caller must {@linkplain #flush() flush}. */
        MUST_FLUSH,
        /** Queued: the write under way will take it, or it waits in the batch. */
        QUEUED
    }

    private final Transport transport;
    private final SendBacklog backlog;
    private final Runnable onStuck;
    private final Runnable onWritten;
    private final Consumer<Throwable> onWriteFailure;
    private final CallbackLane callbacks;
    private final SessionStatistics statistics;
    /** The frames written, counted by the thread that finishes each write. */
    private final FrameTally sent;
    private final Object lock = new Object();

    // Guarded by lock.
    /** Pings and pongs, written before {@link #data}. */
    private final ArrayDeque<OutgoingFrame> control = new ArrayDeque<>();
    /** Data frames and the close frame, in the order accepted. */
    private final ArrayDeque<OutgoingFrame> data = new ArrayDeque<>();
    /** Whether a thread is writing (or awaiting a write's completion); others only queue. */
    private boolean flushing;
    private boolean batching;
    private boolean closeQueued;
    private Throwable failure;

    private final GatheringWrite batch;
    private final Write write = new Write();

    SendQueue(Transport transport, FrameWriter writer, long maxBacklogBytes, Runnable onWritten, Consumer<Throwable> onWriteFailure) {
        this(transport, writer, new SendBacklog(maxBacklogBytes), () -> { }, onWritten, onWriteFailure, new SessionStatistics());
    }

    /** @param onStuck runs once, when the backlog has refused sends for longer than it allows; {@code statistics} counts frames */
    SendQueue(Transport transport, FrameWriter writer, SendBacklog backlog, Runnable onStuck, Runnable onWritten,
            Consumer<Throwable> onWriteFailure, SessionStatistics statistics) {
        this.transport = transport;
        this.batch = new GatheringWrite(writer, transport.prefersDirectBuffers());
        this.backlog = backlog;
        this.onStuck = onStuck;
        this.onWritten = onWritten;
        this.onWriteFailure = onWriteFailure;
        this.callbacks = new CallbackLane(transport.executor());
        this.statistics = statistics;
        this.sent = new FrameTally(statistics.out());
    }

    /**
     * Queues a frame and writes if nobody is. The frame's completion is told once, when the frame
     * is written or cannot be.
     *
     * @return false when the frame was refused (its completion has been told why)
     */
    boolean enqueue(OutgoingFrame frame) {
        Offer offer = offer(frame);
        if (offer == Offer.MUST_FLUSH) {
            flush();
        }
        return offer != Offer.REFUSED;
    }

    /** Queues a frame without writing: for callers that order frames under their own lock and write after releasing it. */
    Offer offer(OutgoingFrame frame) {
        Throwable refusal;
        boolean stuck = false;
        synchronized (lock) {
            refusal = closedRefusal();
            if (refusal == null) {
                refusal = backlog.admit(frame);
                stuck = refusal != null && backlog.becameStuck();
            }
            if (refusal == null) {
                (frame.jumpsQueue() ? control : data).add(frame);
                if (frame.opcode == OpCode.CLOSE) {
                    closeQueued = true;
                }
                if (flushing || (batching && !frame.jumpsQueue() && frame.opcode != OpCode.CLOSE)) {
                    return Offer.QUEUED;
                }
                flushing = true;
                return Offer.MUST_FLUSH;
            }
        }
        statistics.countSendFailure();
        frame.completion.failed(refusal);
        if (stuck) {
            onStuck.run();
        }
        return Offer.REFUSED;
    }

    private Throwable closedRefusal() {
        if (failure != null) {
            return new IOException("The connection failed earlier: " + failure.getMessage(), failure);
        }
        if (closeQueued) {
            return new IOException("The session is closing; no frame may follow its close frame (RFC 6455 §5.5.1)");
        }
        return null;
    }

    /**
     * Takes back a frame that has not started to be written.
     *
     * @return whether it was still queued; if so, it will not be written and its completion is not told
     */
    boolean withdraw(OutgoingFrame frame) {
        synchronized (lock) {
            boolean removed = (frame.jumpsQueue() ? control : data).removeFirstOccurrence(frame);
            if (removed && frame.bounded) {
                backlog.release(frame.length);
            }
            return removed;
        }
    }

    /** While batching, data frames wait for {@link #flushBatch} (Jakarta {@code setBatchingAllowed}). */
    void setBatching(boolean batching) {
        synchronized (lock) {
            this.batching = batching;
        }
        if (!batching) {
            flushBatch();
        }
    }

    void flushBatch() {
        synchronized (lock) {
            if (flushing || (control.isEmpty() && data.isEmpty())) {
                return;
            }
            flushing = true;
        }
        flush();
    }

    /** The bytes of asynchronous data frames accepted and not yet written. */
    long unsentBytes() {
        synchronized (lock) {
            return backlog.bytes();
        }
    }

    long maxBacklogBytes() {
        return backlog.maxBytes();
    }

    /** Whether anything is queued or being written. */
    boolean isIdle() {
        synchronized (lock) {
            return !flushing && control.isEmpty() && data.isEmpty();
        }
    }

    /**
     * Fails every queued frame with {@code cause} and refuses new ones: the connection is gone.
     * A write in flight fails through its own callback.
     */
    void fail(Throwable cause) {
        List<OutgoingFrame> dropped;
        synchronized (lock) {
            if (failure != null) {
                return;
            }
            failure = cause;
            dropped = new ArrayList<>(control);
            dropped.addAll(data);
            control.clear();
            data.clear();
            backlog.release(SendBacklog.boundedBytes(dropped)); // what is in flight is released when its write ends
        }
        for (OutgoingFrame frame : dropped) {
            tell(frame.completion, cause, false);
        }
    }

    /** Tells a completion its frame's outcome, through the lane (see {@link CallbackLane#tell}). */
    private void tell(SendCompletion completion, Throwable cause, boolean applicationThread) {
        if (cause != null) {
            statistics.countSendFailure();
        }
        callbacks.tell(completion, cause, applicationThread);
    }

    /** Writes batches until the queue is empty or a write is pending; only after {@link #offer} said {@link Offer#MUST_FLUSH}. */
    void flush() {
        flush(true);
    }

    /** @param applicationThread whether this is a sender's thread, not one finishing a write for the container */
    private void flush(boolean applicationThread) {
        while (takeBatch()) {
            write.start();
            transport.write(batch.buffers(), batch.bufferCount(), write);
            if (!write.completedDuringCall()) {
                return; // the completion carries on
            }
            if (!write.finish(applicationThread)) {
                return;
            }
        }
    }

    /**
     * Moves the next frames into the batch, after those the last write did not end; false (and no
     * longer flushing) when there are none.
     */
    private boolean takeBatch() {
        batch.dropWritten();
        Throwable failed;
        synchronized (lock) {
            failed = failure;
            if (failed == null) {
                while (!batch.isFull() && !control.isEmpty()) {
                    batch.add(control.poll());
                }
                while (!batch.isFull() && !data.isEmpty()) {
                    batch.add(data.poll());
                }
                if (batch.frames().isEmpty()) {
                    batch.idle(); // while this thread still owns the batch: the next flusher does
                    flushing = false;
                    return false;
                }
            }
        }
        if (failed != null) {
            failBatch(failed, false); // frames a client's last write did not end; none is queued after a failure
            // Nothing is written after a failure, and the end of a connection is one (close() fails the queue):
            // the pooled buffer goes back now, or every closed connection would leave its buffer to the collector.
            batch.idle();
            synchronized (lock) {
                flushing = false;
            }
            return false;
        }
        batch.prepare();
        return true;
    }

    /** Completes the frames a finished write ended and releases their backlog; a failed write fails every frame taken. */
    private void completeBatch(Throwable cause, boolean applicationThread) {
        if (cause != null) {
            failBatch(cause, applicationThread);
            return;
        }
        List<OutgoingFrame> written = batch.written();
        long released = SendBacklog.boundedBytes(written);
        synchronized (lock) {
            backlog.release(released);
        }
        onWritten.run();
        sent.written(written);
        for (int i = 0; i < written.size(); i++) {
            tell(written.get(i).completion, null, applicationThread);
        }
    }

    private void failBatch(Throwable cause, boolean applicationThread) {
        List<OutgoingFrame> taken = batch.frames();
        long released = SendBacklog.boundedBytes(taken);
        synchronized (lock) {
            backlog.release(released);
        }
        for (int i = 0; i < taken.size(); i++) {
            tell(taken.get(i).completion, cause, applicationThread);
        }
        batch.clear();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "SendQueue[" + control.size() + " control, " + data.size() + " data queued, backlog " + backlog
                    + (flushing ? ", writing" : "") + (batching ? ", batching" : "") + (closeQueued ? ", close queued" : "")
                    + (failure != null ? ", failed: " + failure.getMessage() : "") + "]";
        }
    }

    /** Where the write in flight stands, as its callback and the flushing thread see it. */
    private enum WriteState {
        /** The flushing thread is inside {@code transport.write}, not yet completed. */
        IN_CALL,
        /** Completed inside the call: the flushing thread finishes it when the call returns. */
        COMPLETED_IN_CALL,
        /** The call returned first: the completion, on whatever thread, finishes it and flushes on. */
        AWAITING_COMPLETION
    }

    /** The callback of the write in flight, telling a completion inside the write call from a later one. */
    private final class Write implements Transport.WriteCallback {

        private WriteState state;
        private Throwable cause;

        synchronized void start() {
            state = WriteState.IN_CALL;
            cause = null;
        }

        /** After {@code transport.write} returns: true when the write already completed, for this thread to finish. */
        synchronized boolean completedDuringCall() {
            if (state == WriteState.COMPLETED_IN_CALL) {
                return true;
            }
            state = WriteState.AWAITING_COMPLETION;
            return false;
        }

        @Override
        public void completed() {
            if (completes(null) && finish(false)) {
                flush(false);
            }
        }

        @Override
        public void failed(Throwable failureCause) {
            if (completes(failureCause)) {
                finish(false);
            }
        }

        /** Records the outcome; true when the flushing thread has left the write call, so this thread finishes. */
        private synchronized boolean completes(Throwable failureCause) {
            cause = failureCause;
            if (state == WriteState.IN_CALL) {
                state = WriteState.COMPLETED_IN_CALL;
                return false;
            }
            return true;
        }

        /** Completes the written frames; true when flushing may go on. */
        boolean finish(boolean applicationThread) {
            Throwable failed;
            synchronized (this) {
                failed = cause;
            }
            completeBatch(failed, applicationThread);
            if (failed != null) {
                synchronized (lock) {
                    flushing = false;
                }
                fail(failed);
                onWriteFailure.accept(failed);
                return false;
            }
            return true;
        }
    }
}
