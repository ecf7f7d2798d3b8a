package dev.halyard.websocket.client;

import dev.halyard.websocket.session.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;

/**
 * The client's {@link Transport}: a non-blocking socket channel, plain or through TLS, whose
 * readiness the container's {@link SelectorLoop} reports. No thread waits on an idle connection.
 *
 * <p>Before the WebSocket session starts, the connector drives the same channel with deadlines
 * ({@link #writeFully}, {@link #readSome}): the proxy tunnel, the TLS handshake and the HTTP
 * upgrade. Bytes it read past the upgrade response are {@linkplain #unread given back} and read
 * first by the session.
 */
final class SocketTransport implements Transport, SelectorLoop.Ready {

    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final Executor executor;
    /** Finishes writes the socket could not take at once: never behind application code on {@link #executor}. */
    private final Executor writeExecutor;
    private final SelectionKey key;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object lock = new Object();

    // Guarded by lock: who waits for which readiness, and the write in progress.
    private Runnable readWaiter;
    private Runnable connectWaiter;
    private boolean writing;
    private boolean waitingWritable;
    private ByteBuffer[] writeBuffers;
    private int writeCount;
    private WriteCallback writeCallback;

    /** Why a write with no one waiting for it (TLS handshake records) failed; reported to the next read. */
    private volatile IOException flushFailure;

    /** Read by the session's reader only. */
    private ByteBuffer unread;
    private volatile TlsLayer tls;

    private SocketTransport(SocketChannel channel, SelectorLoop loop, Executor executor, Executor writeExecutor) throws IOException {
        this.channel = channel;
        this.loop = loop;
        this.executor = executor;
        this.writeExecutor = writeExecutor;
        this.key = loop.register(channel, this);
    }

    /**
     * Opens a TCP connection to {@code address}.
     *
     * @throws SocketTimeoutException when it is not connected by {@code deadline}
     */
    static SocketTransport connect(SelectorLoop loop, Executor executor, Executor writeExecutor, InetSocketAddress address,
            Deadline deadline)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        SocketTransport transport;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            transport = new SocketTransport(channel, loop, executor, writeExecutor);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        try {
            if (!channel.connect(address)) {
                while (true) {
                    transport.await(SelectionKey.OP_CONNECT, deadline, "connecting to " + address);
                    if (channel.finishConnect()) {
                        break;
                    }
                }
            }
            return transport;
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    // ---- the session's side (Transport)

    @Override
    public int read(ByteBuffer target) throws IOException {
        IOException failed = flushFailure;
        if (failed != null) {
            throw failed;
        }
        ByteBuffer ahead = unread;
        if (ahead != null) {
            int n = Math.min(ahead.remaining(), target.remaining());
            target.put(ahead.slice(ahead.position(), n));
            ahead.position(ahead.position() + n);
            if (!ahead.hasRemaining()) {
                unread = null;
            }
            return n;
        }
        TlsLayer secure = tls;
        if (secure == null) {
            return channel.read(target);
        }
        return readTls(secure, target);
    }

    private int readTls(TlsLayer secure, ByteBuffer target) throws IOException {
        try {
            return secure.read(channel, target, this::flushHandshakeRecords);
        } catch (IOException e) {
            // A failed handshake-record flush closed the channel under the reader: report why, not the closed channel.
            IOException cause = flushFailure;
            throw cause != null ? cause : e;
        }
    }

    @Override
    public void awaitReadable(Runnable onReadable) {
        synchronized (lock) {
            readWaiter = onReadable;
        }
        if (closed.get()) {
            ready(SelectionKey.OP_READ);
        } else {
            loop.interest(key, SelectionKey.OP_READ);
        }
    }

    @Override
    public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
        synchronized (lock) {
            writeBuffers = buffers;
            writeCount = count;
            writeCallback = callback;
            if (writing) {
                return; // a handshake-record flush is under way; it carries these on
            }
            writing = true;
        }
        runWrite();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        TlsLayer secure = tls;
        WriteCallback pending;
        synchronized (lock) {
            if (secure != null && !writing) {
                secure.closeOutbound(channel);
            }
            pending = writeCallback;
            writeCallback = null;
            writing = false;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing left to tell
        }
        loop.release();
        if (pending != null) {
            pending.failed(new ClosedChannelException());
        }
        ready(SelectionKey.OP_READ | SelectionKey.OP_CONNECT); // waiters see the closed channel
    }

    @Override
    public boolean isSecure() {
        return tls != null;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    // ---- readiness from the selector thread

    @Override
    public void ready(int readyOps) {
        Runnable read = null;
        Runnable connect = null;
        boolean writable = false;
        synchronized (lock) {
            if ((readyOps & SelectionKey.OP_READ) != 0) {
                read = readWaiter;
                readWaiter = null;
            }
            if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
                connect = connectWaiter;
                connectWaiter = null;
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && waitingWritable) {
                waitingWritable = false;
                writable = true;
            }
        }
        if (connect != null) {
            connect.run();
        }
        if (read != null) {
            read.run();
        }
        if (writable) {
            writeExecutor.execute(this::runWrite); // finishing a write may run completions that block
        }
    }

    // ---- writing

    /** One step of the write in progress: as much as the socket takes, then completion or a wait. */
    private void runWrite() {
        WriteCallback done = null;
        IOException failure = null;
        boolean wait = false;
        synchronized (lock) {
            if (!writing) {
                return;
            }
            try {
                TlsLayer secure = tls;
                boolean complete;
                if (secure != null) {
                    complete = secure.write(channel, writeBuffers == null ? NOTHING : writeBuffers, writeBuffers == null ? 0 : writeCount);
                } else {
                    channel.write(writeBuffers, 0, writeCount);
                    complete = !remaining(writeBuffers, writeCount);
                }
                if (complete) {
                    writing = false;
                    done = writeCallback;
                    writeCallback = null;
                    writeBuffers = null;
                } else {
                    waitingWritable = true;
                    wait = true;
                }
            } catch (IOException | RuntimeException e) {
                writing = false;
                done = writeCallback;
                writeCallback = null;
                writeBuffers = null;
                failure = e instanceof IOException ? (IOException) e : new IOException(e);
            }
        }
        if (wait) {
            loop.interest(key, SelectionKey.OP_WRITE);
        }
        if (done != null) {
            if (failure == null) {
                done.completed();
            } else {
                done.failed(failure);
            }
        } else if (failure != null) {
            flushFailure = failure; // a handshake-record flush failed: the connection is broken, and the reader says why
            close();
        }
    }

    /** Unwrapping left TLS records to send with no write under way: send them on their own. */
    private void flushHandshakeRecords() {
        synchronized (lock) {
            if (writing || closed.get()) {
                return; // the write under way sends them
            }
            writing = true;
            writeBuffers = null;
            writeCallback = null;
        }
        runWrite();
    }

    private static boolean remaining(ByteBuffer[] buffers, int count) {
        for (int i = 0; i < count; i++) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    // ---- before the session: blocking steps with deadlines

    /** Writes all of {@code data} by {@code deadline}. */
    void writeFully(ByteBuffer data, Deadline deadline, String what) throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        IOException[] failure = new IOException[1];
        write(new ByteBuffer[] {data}, 1, new WriteCallback() {
            @Override
            public void completed() {
                done.countDown();
            }

            @Override
            public void failed(Throwable cause) {
                failure[0] = cause instanceof IOException ? (IOException) cause : new IOException(cause);
                done.countDown();
            }
        });
        awaitLatch(done, deadline, what);
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Reads at least one byte into {@code target} by {@code deadline}.
     *
     * @throws EOFException when the connection ends first
     */
    int readSome(ByteBuffer target, Deadline deadline, String what) throws IOException {
        while (true) {
            int n = read(target);
            if (n > 0) {
                return n;
            }
            if (n < 0) {
                throw new EOFException("The connection closed while " + what);
            }
            await(SelectionKey.OP_READ, deadline, what);
        }
    }

    /** How many bytes were read past a response head and wait to be read again. */
    int unreadBytes() {
        ByteBuffer ahead = unread;
        return ahead == null ? 0 : ahead.remaining();
    }

    /** Bytes read past the end of the handshake: the session reads them first. */
    void unread(ByteBuffer leftover) {
        if (leftover.hasRemaining()) {
            ByteBuffer copy = ByteBuffer.allocate(leftover.remaining()).put(leftover).flip();
            if (unread != null && unread.hasRemaining()) {
                copy = ByteBuffer.allocate(unread.remaining() + copy.remaining()).put(unread).put(copy).flip();
            }
            unread = copy;
        }
    }

    /**
     * Runs the TLS handshake by {@code deadline}; from then on every byte goes through {@code engine}.
     * Nothing read before it is ever read after it: bytes that came in the clear cannot pass for the
     * server's (the STARTTLS injection class of attack).
     */
    void startTls(SSLEngine engine, Deadline deadline) throws IOException {
        if (unreadBytes() > 0) {
            throw new java.net.ProtocolException(unreadBytes() + " bytes arrived in the clear before the TLS handshake; "
                    + "they are refused rather than read as the server's");
        }
        TlsLayer layer = new TlsLayer(engine);
        tls = layer;
        engine.beginHandshake();
        ByteBuffer early = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        while (layer.isHandshaking()) {
            if (layer.wantsWrap()) {
                writeFully(ByteBuffer.allocate(0), deadline, "sending the TLS handshake");
                continue;
            }
            int n = readTls(layer, early);
            if (n < 0) {
                IOException cause = flushFailure; // our side gave up (a certificate refused): say why
                throw cause != null ? cause : new EOFException("The server closed the connection during the TLS handshake");
            }
            if (n == 0 && layer.isHandshaking() && !layer.wantsWrap()) {
                await(SelectionKey.OP_READ, deadline, "waiting for the TLS handshake");
            }
        }
        unread(early.flip());
    }

    private void await(int op, Deadline deadline, String what) throws IOException {
        CountDownLatch ready = new CountDownLatch(1);
        synchronized (lock) {
            if (op == SelectionKey.OP_CONNECT) {
                connectWaiter = ready::countDown;
            } else {
                readWaiter = ready::countDown;
            }
        }
        throwIfClosed();
        loop.interest(key, op);
        awaitLatch(ready, deadline, what);
        throwIfClosed();
    }

    private void throwIfClosed() throws IOException {
        if (closed.get()) {
            IOException failed = flushFailure;
            throw failed != null ? failed : new ClosedChannelException();
        }
    }

    private static void awaitLatch(CountDownLatch latch, Deadline deadline, String what) throws IOException {
        try {
            long left = deadline.nanosLeft();
            if (left <= 0 || !latch.await(left, TimeUnit.NANOSECONDS)) {
                throw new SocketTimeoutException(deadline.timedOut(what));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while " + what);
        }
    }
}
