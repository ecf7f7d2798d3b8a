// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.session.ReadBuffers;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * The read side of a servlet connection: the bytes read ahead of the read loop, and who may read the
 * input stream now. Container threads read in {@link #onDataAvailable} into this inbox of at most
 * {@link #CAPACITY} bytes; the read loop drains it in {@link #read}, on Halyard's executor, so a
 * container thread never runs application code. The stream is read straight into pooled
 * {@link ReadBuffers} that the read loop drains, no copy between, and each goes back to the pool once
 * drained: a connection holds them only while bytes wait in its inbox.
 *
 * <p>One reader at a time touches the stream: nobody, a container thread, or the read loop. When
 * the inbox is full, the container's {@link ContainerQuirks} decide who reads next: the read loop,
 * once it has room; or, where only container threads read (Tomcat), the container thread after
 * waiting for room (5 ms, doubling to 100 ms, cut short by {@link #writeWaits}), and once it gave
 * up, a read dispatch asked for when the read loop makes room. Why: docs/DESIGN.md, "Reading an
 * upgraded connection". No lock of this class is held while calling the stream or the container.
 */
final class Inbox {

    /** What the inbox holds at most before reading waits for the read loop. */
    static final int CAPACITY = 64 * 1024;
    /** How long a container thread first waits for room in a full inbox, where only container threads read. */
    private static final long FIRST_WAIT_MILLIS = 5;
    /** The longest wait, reached by doubling while the inbox stays full. */
    private static final long LONGEST_WAIT_MILLIS = 100;

    /** Who may read the input stream now. */
    private enum Reader { NOBODY, CONTAINER, LOOP }

    private final ServletInputStream in;
    private final ContainerQuirks quirks;
    /** Whether the connection failed or was closed: a read loop asking to wait is woken at once. */
    private final BooleanSupplier connectionEnded;

    // Guarded by lock.
    private final Object lock = new Object();
    /**
     * Pooled {@link ReadBuffers}, each holding unread bytes in [position, limit): the read loop moves
     * positions, the container thread limits. Emptied chunks go back to the pool, so an idle connection
     * holds none.
     */
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private int bytes;
    /** A container thread is reading into the last chunk, past its limit: the read loop leaves that chunk in place. */
    private boolean filling;
    private boolean endOfInput;
    private Reader reader = Reader.NOBODY;
    /** A dispatch came while the read loop owned the stream: the loop must look again before it waits. */
    private boolean dispatchMissed;
    /** The read loop's {@code awaitReadable} callback, while it waits. */
    private Runnable readWaiter;
    private long fullWaitMillis = FIRST_WAIT_MILLIS;
    /** A container thread returned from a full inbox: once there is room, the container is asked to dispatch again. */
    private boolean containerGaveUp;

    Inbox(ServletInputStream in, ContainerQuirks quirks, BooleanSupplier connectionEnded) {
        this.in = in;
        this.quirks = quirks;
        this.connectionEnded = connectionEnded;
    }

    /** On a container thread ({@code ReadListener.onDataAvailable}): reads what is there, as far as the inbox takes it. */
    void onDataAvailable() throws IOException {
        synchronized (lock) {
            if (reader == Reader.LOOP) {
                dispatchMissed = true; // the read loop owns the stream: it looks again before it waits
                return;
            }
            reader = Reader.CONTAINER;
        }
        try {
            while (roomForContainer()) {
                if (in.isFinished()) {
                    markEndOfInput();
                    break;
                }
                if (!in.isReady()) {
                    synchronized (lock) {
                        reader = Reader.NOBODY; // read interest is registered: the next dispatch reads on
                    }
                    break;
                }
                if (readIntoChunk() < 0) {
                    markEndOfInput();
                    break;
                }
            }
        } finally {
            wakeReader();
        }
    }

    /**
     * Reads into the last chunk's free room, or into a pooled buffer that becomes the next chunk:
     * straight into what the read loop drains, no copy in between. The read loop drains the same chunk
     * meanwhile, but only up to its limit, which moves under the lock once the bytes are in.
     */
    private int readIntoChunk() throws IOException {
        ByteBuffer chunk;
        int room; // never more than the inbox holds, whatever the chunks' size
        synchronized (lock) {
            room = CAPACITY - bytes;
            chunk = chunks.peekLast();
            if (chunk != null && chunk.limit() < chunk.capacity()) {
                filling = true;
            } else {
                chunk = null;
            }
        }
        boolean fresh = chunk == null;
        if (fresh) {
            chunk = ReadBuffers.acquire().limit(0);
        }
        int start = chunk.limit(); // only this thread moves a chunk's limit
        int n = 0;
        try {
            n = in.read(chunk.array(), start, Math.min(chunk.capacity() - start, room));
        } finally {
            boolean unused;
            synchronized (lock) {
                filling = false;
                if (n > 0) {
                    if (fresh) {
                        chunks.add(chunk);
                    }
                    chunk.limit(start + n);
                    bytes += n;
                    unused = false;
                } else {
                    // Nothing read: a fresh buffer goes back, and so does a last chunk the read loop emptied meanwhile.
                    unused = fresh || (!chunk.hasRemaining() && chunks.removeLastOccurrence(chunk));
                }
            }
            if (unused) {
                ReadBuffers.release(chunk);
            }
        }
        return n;
    }

    /**
     * Whether the container thread may read more; when not, who reads next has been settled: the
     * read loop, or the container's next dispatch.
     */
    private boolean roomForContainer() {
        synchronized (lock) {
            if (bytes < CAPACITY) {
                fullWaitMillis = FIRST_WAIT_MILLIS;
                return true;
            }
            if (!quirks.onlyContainerThreadsRead()) {
                reader = Reader.LOOP; // data may be waiting: the read loop goes on once it has room
                return false;
            }
            try {
                lock.wait(fullWaitMillis); // cut short by writeWaits, or by the read loop making room
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (bytes < CAPACITY) {
                fullWaitMillis = FIRST_WAIT_MILLIS;
                return true;
            }
            fullWaitMillis = Math.min(2 * fullWaitMillis, LONGEST_WAIT_MILLIS);
            reader = Reader.NOBODY; // the container dispatches again while data waits, and is asked to once there is room
            containerGaveUp = true;
            return false;
        }
    }

    /** The end of input (all data read, or the peer dropped the connection): the read loop hears it after the inbox. */
    void endOfInput() {
        markEndOfInput();
        wakeReader();
    }

    private void markEndOfInput() {
        synchronized (lock) {
            endOfInput = true;
            reader = Reader.NOBODY;
        }
    }

    /** On the read loop ({@code Transport.read}): from the inbox, or from the stream while the loop owns it. */
    int read(ByteBuffer target) throws IOException {
        int drained;
        boolean askForDispatch;
        synchronized (lock) {
            if (bytes == 0) {
                if (endOfInput) {
                    return -1;
                }
                if (reader != Reader.LOOP) {
                    return 0; // wait for onDataAvailable
                }
                drained = -1; // the read loop owns the stream: read it below
                askForDispatch = false;
            } else {
                drained = drain(target);
                askForDispatch = containerGaveUp && bytes < CAPACITY;
                if (askForDispatch) {
                    containerGaveUp = false;
                }
            }
        }
        if (drained >= 0) {
            if (askForDispatch && !connectionEnded.getAsBoolean()) {
                quirks.requestReadDispatch();
            }
            return drained;
        }
        if (!in.isReady()) { // registers read interest: a dispatch may come at once
            synchronized (lock) {
                if (dispatchMissed) {
                    dispatchMissed = false; // it came while this thread owned the stream: look again
                } else {
                    reader = Reader.NOBODY; // from here on the container reads
                }
            }
            return 0;
        }
        int n = in.read(target.array(), target.arrayOffset() + target.position(), target.remaining());
        if (n < 0) {
            markEndOfInput();
            return -1;
        }
        target.position(target.position() + n);
        return n;
    }

    private int drain(ByteBuffer target) {
        int moved = 0;
        while (target.hasRemaining() && !chunks.isEmpty()) {
            ByteBuffer head = chunks.peek();
            int n = Math.min(target.remaining(), head.remaining());
            target.put(head.array(), head.position(), n); // not put(head): the limit is the container thread's to move
            head.position(head.position() + n);
            moved += n;
            if (head.hasRemaining() || (filling && chunks.size() == 1)) {
                break; // a container thread reads into the last chunk now: it gives it back if it stays empty
            }
            ReadBuffers.release(chunks.poll()); // an inbox drained holds no buffer
        }
        bytes -= moved;
        lock.notifyAll(); // a container thread may be waiting for room
        return moved;
    }

    /** As {@code Transport.awaitReadable}: calls {@code onReadable} once {@link #read} has something to say. */
    void awaitReadable(Runnable onReadable) {
        boolean now;
        synchronized (lock) {
            now = bytes > 0 || endOfInput || reader == Reader.LOOP || connectionEnded.getAsBoolean();
            readWaiter = now ? null : onReadable;
        }
        if (now) {
            onReadable.run(); // it only hands the read loop to the executor (Transport.awaitReadable)
        }
    }

    /** Calls the read loop's waiting callback, if any: there is data, an end, or a failure to find. */
    void wakeReader() {
        Runnable waiter;
        synchronized (lock) {
            waiter = readWaiter;
            readWaiter = null;
        }
        if (waiter != null) {
            waiter.run(); // maybe on the container's thread: it only hands the read loop to the executor
        }
    }

    /**
     * A write started to wait for {@code onWritePossible}: a container thread waiting for room returns
     * now, since the container may not dispatch the write while its thread waits here.
     */
    void writeWaits() {
        if (quirks.onlyContainerThreadsRead()) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** The pooled buffers the inbox holds now. */
    int buffersHeld() {
        synchronized (lock) {
            return chunks.size();
        }
    }

    /** What the inbox holds, who reads the stream, and who waits, in one line. */
    @Override
    public String toString() {
        synchronized (lock) {
            return "Inbox[" + bytes + " bytes in " + chunks.size() + " chunks, read by " + reader
                    + (endOfInput ? ", end of input" : "") + (readWaiter != null ? ", read loop waiting" : "")
                    + (containerGaveUp ? ", container gave up while full" : "") + "]";
        }
    }
}
