package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.FrameHeader;
import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.Masking;
import dev.halyard.websocket.frame.OpCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The one ordered queue of outgoing frames of a connection. Any number of threads may enqueue at
 * once; frames go out in the order they were accepted, pings and pongs ahead of queued data,
 * nothing after a close frame, several frames per gathering write. Asynchronous data is bounded in
 * bytes, per connection ({@link #maxBacklogBytes}, though one message always fits an empty queue)
 * and across the container ({@link SendBudget}): past either a send fails at once instead of
 * piling up. When sends keep being refused for longer than {@link #stuckAfterNanos}, the queue
 * reports the connection stuck, once, so that the session can be closed.
 *
 * <p>The thread that finds the queue idle writes; when the transport completes a write at once,
 * the same thread loops on (no recursion), and when it completes later, the completing thread
 * carries on. That may be a container's thread: it wakes blocked senders and writes on, but hands
 * completions that run application code to the connection's {@link CallbackLane}.
 */
final class SendQueue {

    /** Frames per gathering write. */
    private static final int MAX_FRAMES_PER_WRITE = 32;

    private final Transport transport;
    private final FrameWriter writer;
    private final long maxBacklogBytes;
    private final SendBudget budget;
    private final long stuckAfterNanos;
    private final Runnable onStuck;
    private final Runnable onWritten;
    private final java.util.function.Consumer<Throwable> onWriteFailure;
    private final CallbackLane callbacks;
    private final Object lock = new Object();

    /** Pings and pongs, written before {@link #data}. */
    private final ArrayDeque<OutgoingFrame> control = new ArrayDeque<>();
    /** Data frames and the close frame, in the order accepted. */
    private final ArrayDeque<OutgoingFrame> data = new ArrayDeque<>();
    private long backlogBytes;
    /** When asynchronous sends began to be refused with nothing accepted since; 0 while they are accepted. */
    private long refusedSinceNanos;
    private boolean stuckReported;
    private boolean flushing;
    private boolean batching;
    private boolean closeQueued;
    private Throwable failure;

    // The write in flight: only the flushing thread touches these, or the completion it awaits.
    private final ByteBuffer headers = ByteBuffer.allocate(MAX_FRAMES_PER_WRITE * FrameHeader.MAX_LENGTH);
    private final List<OutgoingFrame> inFlight = new ArrayList<>(MAX_FRAMES_PER_WRITE);
    private final ByteBuffer[] buffers = new ByteBuffer[MAX_FRAMES_PER_WRITE * 2];
    private ByteBuffer[] headerViews = new ByteBuffer[0];
    private int bufferCount;
    private final Write write = new Write();

    SendQueue(Transport transport, FrameWriter writer, long maxBacklogBytes, Runnable onWritten,
            java.util.function.Consumer<Throwable> onWriteFailure) {
        this(transport, writer, maxBacklogBytes, new SendBudget(Long.MAX_VALUE), Long.MAX_VALUE, () -> { }, onWritten,
                onWriteFailure);
    }

    /**
     * @param budget the container's, shared by its connections
     * @param stuckAfterMillis how long sends may keep being refused before {@code onStuck} runs (once)
     */
    SendQueue(Transport transport, FrameWriter writer, long maxBacklogBytes, SendBudget budget, long stuckAfterMillis,
            Runnable onStuck, Runnable onWritten, java.util.function.Consumer<Throwable> onWriteFailure) {
        this.transport = transport;
        this.onWritten = onWritten;
        this.onWriteFailure = onWriteFailure;
        this.writer = writer;
        this.maxBacklogBytes = maxBacklogBytes;
        this.budget = budget;
        this.stuckAfterNanos = stuckAfterMillis >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE
                : java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(stuckAfterMillis);
        this.onStuck = onStuck;
        this.callbacks = new CallbackLane(transport.executor());
    }

    /**
     * Queues a frame. The frame's completion is told once, when the frame is written or cannot be.
     *
     * @return false when the frame was refused (its completion has been told why)
     */
    boolean enqueue(OutgoingFrame frame) {
        Boolean mustFlush = offer(frame);
        if (mustFlush == null) {
            return false;
        }
        if (mustFlush) {
            flush();
        }
        return true;
    }

    /**
     * Queues a frame without writing: for callers that order frames under their own lock and
     * write after releasing it.
     *
     * @return null when refused (the completion has been told why), true when the caller must
     *     call {@link #flush()}, false when a flush is already under way or the frame is batched
     */
    Boolean offer(OutgoingFrame frame) {
        Throwable refusal;
        boolean stuck = false;
        synchronized (lock) {
            refusal = refusal(frame);
            if (refusal != null && frame.bounded && failure == null && !closeQueued) {
                long now = System.nanoTime();
                if (refusedSinceNanos == 0) {
                    refusedSinceNanos = now;
                } else if (!stuckReported && now - refusedSinceNanos >= stuckAfterNanos) {
                    stuckReported = stuck = true;
                }
            }
            if (refusal == null) {
                if (frame.bounded) {
                    refusedSinceNanos = 0;
                }
                (frame.jumpsQueue() ? control : data).add(frame);
                if (frame.bounded) {
                    backlogBytes += frame.length;
                }
                if (frame.opcode == OpCode.CLOSE) {
                    closeQueued = true;
                }
                if (flushing || (batching && !frame.jumpsQueue() && frame.opcode != OpCode.CLOSE)) {
                    return Boolean.FALSE;
                }
                flushing = true;
                return Boolean.TRUE;
            }
        }
        frame.completion.failed(refusal);
        if (stuck) {
            onStuck.run();
        }
        return null;
    }

    private Throwable refusal(OutgoingFrame frame) {
        if (failure != null) {
            return new IOException("The connection failed earlier: " + failure.getMessage(), failure);
        }
        if (closeQueued) {
            return new IOException("The session is closing; no frame may follow its close frame (RFC 6455 §5.5.1)");
        }
        if (frame.bounded && backlogBytes > 0 && backlogBytes + frame.length > maxBacklogBytes) {
            return new IOException("Send backlog of " + backlogBytes + " bytes plus a " + frame.length
                    + "-byte message exceeds the limit of " + maxBacklogBytes + " bytes; the peer is reading too slowly");
        }
        if (frame.bounded && !budget.tryReserve(frame.length, backlogBytes == 0)) {
            return new IOException("The container's messages waiting unsent, " + budget.reservedBytes() + " bytes, plus a "
                    + frame.length + "-byte message exceed its limit of " + budget.limit() + " bytes (halyard.maxSendBacklogTotal); "
                    + "peers are reading too slowly");
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
                backlogBytes -= frame.length;
                budget.release(frame.length);
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
            long queued = 0;
            for (OutgoingFrame frame : dropped) {
                if (frame.bounded) {
                    queued += frame.length;
                }
            }
            backlogBytes -= queued; // what is in flight is released when its write ends
            budget.release(queued);
        }
        for (OutgoingFrame frame : dropped) {
            tell(frame.completion, cause, false);
        }
    }

    /**
     * Tells a completion its frame's outcome: at once, unless it runs application code, which goes
     * to the lane (on this thread only when {@code applicationThread}).
     */
    private void tell(SendCompletion completion, Throwable cause, boolean applicationThread) {
        if (completion.callsApplication()) {
            callbacks.run(cause == null ? completion::succeeded : () -> completion.failed(cause), applicationThread);
        } else if (cause == null) {
            completion.succeeded();
        } else {
            completion.failed(cause);
        }
    }

    /** Writes batches until the queue is empty or a write is pending; only after {@link #offer} said so. */
    void flush() {
        flush(true);
    }

    /** @param applicationThread whether this is a sender's thread, not one finishing a write for the container */
    private void flush(boolean applicationThread) {
        while (takeBatch()) {
            write.start();
            transport.write(buffers, bufferCount, write);
            if (!write.returnedBeforeCompletion()) {
                return; // the completion carries on
            }
            if (!write.finish(applicationThread)) {
                return;
            }
        }
    }

    /** Moves the next frames into the write buffers; false (and no longer flushing) when there are none. */
    private boolean takeBatch() {
        inFlight.clear();
        synchronized (lock) {
            if (failure != null) {
                flushing = false;
                return false;
            }
            while (inFlight.size() < MAX_FRAMES_PER_WRITE && !control.isEmpty()) {
                inFlight.add(control.poll());
            }
            while (inFlight.size() < MAX_FRAMES_PER_WRITE && !data.isEmpty()) {
                inFlight.add(data.poll());
            }
            if (inFlight.isEmpty()) {
                flushing = false;
                return false;
            }
        }
        headers.clear();
        int b = 0;
        for (OutgoingFrame frame : inFlight) {
            int start = headers.position();
            int key = writer.writeHeader(headers, frame.fin, frame.rsv, frame.opcode, frame.length);
            int slot = b / 2;
            buffers[b++] = headerView(slot, start, headers.position());
            ByteBuffer payload = frame.payload;
            if (writer.masks()) {
                // The caller's buffer must not change, so a client masks a copy (RFC 6455 §5.3).
                ByteBuffer masked = ByteBuffer.allocate(frame.length);
                Masking.maskCopy(payload, masked, frame.length, key, 0);
                payload = masked.flip();
            }
            buffers[b++] = payload;
        }
        bufferCount = b;
        return true;
    }

    /**
     * A view of {@code headers[start, end)}: the views are made as batches first need them and kept,
     * so a busy connection allocates none per frame and an idle one holds only as many as it used.
     */
    private ByteBuffer headerView(int slot, int start, int end) {
        if (slot == headerViews.length) {
            headerViews = java.util.Arrays.copyOf(headerViews, slot + 1);
            headerViews[slot] = headers.duplicate();
        }
        ByteBuffer view = headerViews[slot];
        view.limit(end).position(start);
        return view;
    }

    /** Completes the frames of a finished write and releases their backlog. */
    private void completeInFlight(Throwable cause, boolean applicationThread) {
        long released = 0;
        for (OutgoingFrame frame : inFlight) {
            if (frame.bounded) {
                released += frame.length;
            }
        }
        synchronized (lock) {
            backlogBytes -= released;
        }
        budget.release(released);
        if (cause == null) {
            onWritten.run();
        }
        for (OutgoingFrame frame : inFlight) {
            tell(frame.completion, cause, applicationThread);
        }
    }

    /** The callback of the write in flight, telling a synchronous completion from a later one. */
    private final class Write implements Transport.WriteCallback {

        private boolean inWriteCall;
        private boolean done;
        private Throwable cause;

        void start() {
            synchronized (this) {
                inWriteCall = true;
                done = false;
                cause = null;
            }
        }

        /** After {@code transport.write} returns: true when the write already completed. */
        boolean returnedBeforeCompletion() {
            synchronized (this) {
                inWriteCall = false;
                return done;
            }
        }

        @Override
        public void completed() {
            if (!markDone(null)) {
                return; // inside write(): the flushing thread finishes it
            }
            if (finish(false)) {
                flush(false);
            }
        }

        @Override
        public void failed(Throwable failureCause) {
            if (!markDone(failureCause)) {
                return;
            }
            finish(false);
        }

        /** Records completion; true when the flushing thread has already returned from write(). */
        private boolean markDone(Throwable failureCause) {
            synchronized (this) {
                done = true;
                cause = failureCause;
                return !inWriteCall;
            }
        }

        /** Completes the written frames; true when flushing may go on. */
        boolean finish(boolean applicationThread) {
            Throwable failed;
            synchronized (this) {
                failed = cause;
            }
            completeInFlight(failed, applicationThread);
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
