package dev.halyard.websocket.servlet;

import dev.halyard.websocket.session.ReadBuffers;
import dev.halyard.websocket.session.Transport;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A WebSocket connection over an upgraded servlet connection, in non-blocking mode.
 *
 * <p>One reader at a time touches the input stream. Reads happen inside {@code onDataAvailable},
 * on the container thread, into a small inbox that the read loop drains on Halyard's executor, so
 * the container thread never runs application code: a blocking send from a message handler
 * cannot hold the thread Tomcat needs to call {@code onWritePossible}. When the inbox is full:
 * <ul>
 * <li>Tomcat re-dispatches {@code onDataAvailable} on its own while data waits in the socket,
 * and its dispatch fills the socket's read buffer before calling the listener, so a second thread
 * reading at the same moment corrupts that buffer (seen as a BufferOverflowException in
 * {@code NioSocketWrapper.fillReadBuffer}). On Tomcat only container threads read: a full inbox
 * waits a while for room, then returns and lets Tomcat call again. Tomcat registers read interest
 * after every dispatch of an upgraded connection, so with data waiting it calls again at once; the
 * wait doubles from 5 ms to 100 ms while the inbox stays full, so a connection whose application
 * does not keep up costs ten parked dispatches a second, not a spinning thread. A write that starts
 * to wait for {@code onWritePossible}, which Tomcat cannot dispatch while its thread waits here, cuts
 * the wait short (it must not be skipped when a write waits: a peer that reads nothing keeps a write
 * waiting for good, and skipping made Tomcat's threads spin at 170% of a core for 100 such peers).
 * A thread that gave up is followed, once the read loop makes room, by a read dispatch asked of
 * Tomcat ({@link TomcatDispatch}): the rest of the data may sit in Tomcat's own buffer, where its
 * poller never sees it.</li>
 * <li>Other containers (Jetty) call {@code onDataAvailable} again only after {@code isReady()}
 * has said false, as the Servlet specification says: the listener returns with data pending and
 * the read loop reads the stream itself once it has room, until {@code isReady()} says false.</li>
 * </ul>
 * No lock of Halyard's is held while calling the container, which holds its socket lock while it
 * calls the listener.
 *
 * <p>Reads and writes use the {@code byte[]} methods: Tomcat implements the Servlet 6.1
 * {@code ByteBuffer} ones by allocating and copying, and its {@code available()} is always 0.
 */
final class ServletTransport implements Transport, ReadListener, WriteListener {

    private static final System.Logger LOG = System.getLogger(ServletTransport.class.getName());
    /** What the inbox holds at most before reading waits for the read loop. */
    private static final int INBOX_BYTES = 64 * 1024;
    /** How long a Tomcat container thread first waits for room in a full inbox before returning. */
    private static final long FULL_INBOX_FIRST_WAIT_MILLIS = 5;
    /** The longest wait, reached by doubling while the inbox stays full. */
    private static final long FULL_INBOX_LONGEST_WAIT_MILLIS = 100;

    /** Who may read the input stream now. */
    private enum Reader { NOBODY, CONTAINER, LOOP }

    private final WebConnection connection;
    private final ServletInputStream in;
    private final ServletOutputStream out;
    private final Executor executor;
    private final boolean secure;
    /** Whether only container threads may read (Tomcat; see the class comment). */
    private final boolean containerReadsOnly;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Throwable failure;

    // Read side, guarded by readLock.
    private final Object readLock = new Object();
    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private int inboxBytes;
    private int headOffset;
    private boolean endOfInput;
    private Reader reader = Reader.NOBODY;
    /** A dispatch came while the read loop owned the stream: the loop must look again before it waits. */
    private boolean dispatchMissed;
    private Runnable readWaiter;
    private long fullInboxWaitMillis = FULL_INBOX_FIRST_WAIT_MILLIS;
    /** A Tomcat thread returned from a full inbox: once there is room, Tomcat is asked to dispatch again. */
    private boolean containerGaveUp;

    // Write side: the write in progress, guarded by writeLock.
    private final Object writeLock = new Object();
    private ByteBuffer[] pending;
    private int pendingCount;
    private WriteCallback pendingCallback;
    private boolean flushed;
    /** For copying direct buffers out: the stream writes byte arrays only. */
    private byte[] directCopy;

    ServletTransport(WebConnection connection, Executor executor, boolean secure) throws IOException {
        this.connection = connection;
        this.in = connection.getInputStream();
        this.out = connection.getOutputStream();
        this.executor = executor;
        this.secure = secure;
        this.containerReadsOnly = in.getClass().getName().startsWith("org.apache.coyote.");
    }

    /** Puts both streams in non-blocking mode; the write listener first, since Tomcat's isReady() throws before it. */
    void start() {
        out.setWriteListener(this);
        in.setReadListener(this);
    }

    // ---- reading

    /** On a container thread: reads what is there into the inbox, as far as the inbox takes it. */
    @Override
    public void onDataAvailable() throws IOException {
        synchronized (readLock) {
            if (reader == Reader.LOOP) {
                dispatchMissed = true; // the read loop owns the stream: it looks again before it waits
                return;
            }
            reader = Reader.CONTAINER;
        }
        ByteBuffer readBuffer = ReadBuffers.acquire(); // only for this dispatch: idle connections hold none
        try {
            while (true) {
                if (!roomInInbox()) {
                    break;
                }
                if (in.isFinished()) {
                    markEndOfInput();
                    break;
                }
                if (!in.isReady()) {
                    synchronized (readLock) {
                        reader = Reader.NOBODY; // read interest is registered: the next dispatch reads on
                    }
                    break;
                }
                int n = in.read(readBuffer.array(), 0, readBuffer.capacity());
                if (n < 0) {
                    markEndOfInput();
                    break;
                }
                if (n > 0) {
                    byte[] chunk = Arrays.copyOf(readBuffer.array(), n);
                    synchronized (readLock) {
                        inbox.add(chunk);
                        inboxBytes += n;
                    }
                }
            }
        } finally {
            ReadBuffers.release(readBuffer);
            wakeReader();
        }
    }

    /**
     * Whether the container thread may read more; when not, who reads next has been settled: the
     * read loop (most containers), or Tomcat's next dispatch.
     */
    private boolean roomInInbox() {
        synchronized (readLock) {
            if (inboxBytes < INBOX_BYTES) {
                fullInboxWaitMillis = FULL_INBOX_FIRST_WAIT_MILLIS;
                return true;
            }
            if (!containerReadsOnly) {
                reader = Reader.LOOP; // data may be waiting: the read loop goes on once it has room
                return false;
            }
            try {
                readLock.wait(fullInboxWaitMillis); // cut short when a write starts to wait for onWritePossible
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (inboxBytes < INBOX_BYTES) {
                fullInboxWaitMillis = FULL_INBOX_FIRST_WAIT_MILLIS;
                return true;
            }
            fullInboxWaitMillis = Math.min(2 * fullInboxWaitMillis, FULL_INBOX_LONGEST_WAIT_MILLIS);
            reader = Reader.NOBODY; // Tomcat dispatches again while data waits in the socket, and is asked to once there is room
            containerGaveUp = true;
            return false;
        }
    }

    @Override
    public void onAllDataRead() {
        markEndOfInput();
        wakeReader();
    }

    private void markEndOfInput() {
        synchronized (readLock) {
            endOfInput = true;
            reader = Reader.NOBODY;
        }
    }

    /** On the read loop: from the inbox, or from the stream while it owns it. */
    @Override
    public int read(ByteBuffer target) throws IOException {
        Throwable failed = failure;
        if (failed != null) {
            throw failed instanceof IOException ? (IOException) failed : new IOException(failed);
        }
        if (closed.get()) {
            return -1;
        }
        int drained;
        boolean askTomcat;
        synchronized (readLock) {
            if (inboxBytes == 0) {
                if (endOfInput) {
                    return -1;
                }
                if (reader != Reader.LOOP) {
                    return 0; // wait for onDataAvailable
                }
                drained = -1; // the read loop owns the stream: read it below
                askTomcat = false;
            } else {
                drained = drainInbox(target);
                askTomcat = containerGaveUp && inboxBytes < INBOX_BYTES;
                if (askTomcat) {
                    containerGaveUp = false;
                }
            }
        }
        if (drained >= 0) {
            if (askTomcat && !closed.get()) {
                TomcatDispatch.requestRead(in); // what is left may wait in Tomcat's buffer, where no poller sees it
            }
            return drained;
        }
        if (!in.isReady()) { // registers read interest: a dispatch may come at once
            synchronized (readLock) {
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

    private int drainInbox(ByteBuffer target) {
        int moved = 0;
        while (target.hasRemaining() && !inbox.isEmpty()) {
            byte[] head = inbox.peek();
            int n = Math.min(target.remaining(), head.length - headOffset);
            target.put(head, headOffset, n);
            headOffset += n;
            moved += n;
            if (headOffset == head.length) {
                inbox.poll();
                headOffset = 0;
            }
        }
        inboxBytes -= moved;
        readLock.notifyAll(); // a Tomcat container thread may be waiting for room
        return moved;
    }

    @Override
    public void awaitReadable(Runnable onReadable) {
        boolean now;
        synchronized (readLock) {
            now = inboxBytes > 0 || endOfInput || reader == Reader.LOOP || failure != null || closed.get();
            readWaiter = now ? null : onReadable;
        }
        if (now) {
            onReadable.run(); // it only hands the read loop to the executor (Transport.awaitReadable)
        }
    }

    private void wakeReader() {
        Runnable waiter;
        synchronized (readLock) {
            waiter = readWaiter;
            readWaiter = null;
        }
        if (waiter != null) {
            waiter.run(); // on the container's thread: it only hands the read loop to the executor
        }
    }

    // ---- writing

    @Override
    public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
        boolean done;
        synchronized (writeLock) {
            if (failure != null || closed.get()) {
                done = false;
            } else {
                pending = buffers;
                pendingCount = count;
                pendingCallback = callback;
                flushed = false;
                done = continueWrite();
                if (done) {
                    pendingCallback = null;
                    pending = null;
                }
            }
        }
        if (failure != null || closed.get()) {
            failPendingWrite(callback);
            return;
        }
        if (done) {
            callback.completed();
        } else if (containerReadsOnly) {
            synchronized (readLock) {
                readLock.notifyAll(); // a Tomcat thread waiting in a full inbox must let onWritePossible come
            }
        }
    }

    @Override
    public void onWritePossible() {
        WriteCallback completed = null;
        synchronized (writeLock) {
            if (pendingCallback != null && continueWrite()) {
                completed = pendingCallback;
                pendingCallback = null;
                pending = null;
            }
        }
        if (failure != null) {
            onError(failure);
            return;
        }
        if (completed != null) {
            completed.completed(); // never blocks (Transport.write): no hand-off to a pool that may be full
        }
    }

    /** Writes what the container takes now; true when everything, flush included, is taken. */
    private boolean continueWrite() {
        try {
            for (int i = 0; i < pendingCount; i++) {
                ByteBuffer buffer = pending[i];
                while (buffer.hasRemaining()) {
                    if (!out.isReady()) {
                        return false; // onWritePossible will continue
                    }
                    writeSome(buffer);
                }
            }
            if (!flushed) {
                if (!out.isReady()) {
                    return false;
                }
                flushed = true;
                out.flush(); // once per batch of frames
            }
            return out.isReady(); // if not, the flush is still going: complete when it is through
        } catch (IOException e) {
            failure = e;
            return false;
        } catch (RuntimeException e) {
            // A container's stream may throw unchecked (Tomcat's IllegalStateException on a closed
            // socket): the write failed all the same, and the session must hear it, not wait forever.
            failure = new IOException("The container's output stream failed: " + e, e);
            return false;
        }
    }

    private void writeSome(ByteBuffer buffer) throws IOException {
        if (buffer.hasArray()) {
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        if (directCopy == null) {
            directCopy = new byte[8192];
        }
        int n = Math.min(directCopy.length, buffer.remaining());
        buffer.get(directCopy, 0, n);
        out.write(directCopy, 0, n);
    }

    private void failPendingWrite(WriteCallback callback) {
        Throwable cause = failure != null ? failure : new IOException("The connection is closed");
        synchronized (writeLock) {
            if (pendingCallback == callback) {
                pendingCallback = null;
                pending = null;
            }
        }
        callback.failed(cause);
    }

    // ---- failure and close

    @Override
    public void onError(Throwable t) {
        if (t instanceof java.io.EOFException && !closed.get()) {
            // The peer dropped the connection (Tomcat reports it this way): an end of input, which
            // the session reports as a close without a close frame, not as an application error.
            markEndOfInput();
            wakeReader();
            return;
        }
        if (failure == null) { // Tomcat may report one failure several times
            failure = t;
            // The session reports it (onError, or one DEBUG line without an @OnError): only a trace here.
            LOG.log(System.Logger.Level.TRACE, () -> "Servlet connection failed: " + t);
        }
        WriteCallback callback;
        synchronized (writeLock) {
            callback = pendingCallback;
            pendingCallback = null;
            pending = null;
        }
        if (callback != null) {
            callback.failed(t);
        }
        wakeReader();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            connection.close();
            if (TomcatDispatch.applies(out)) {
                TomcatDispatch.requestClose(out);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Closing the upgraded connection failed: " + e);
        }
        WriteCallback unfinished;
        synchronized (writeLock) {
            unfinished = pendingCallback; // a write waiting for onWritePossible that will not come
            pendingCallback = null;
            pending = null;
        }
        if (unfinished != null) {
            unfinished.failed(new IOException("The connection was closed"));
        }
        wakeReader();
    }

    /** The container ended the connection (HttpUpgradeHandler.destroy). */
    void destroyedByContainer() {
        if (failure == null && !closed.get()) {
            onError(new IOException("The container closed the connection"));
        }
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public Executor executor() {
        return executor;
    }
}
