// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import dev.halyard.websocket.io.SelectorLoop;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * A socket while its connection is set up: the TCP connect, an HTTP proxy's tunnel, TLS and the
 * HTTP upgrade. Each step blocks its caller until it is done or its {@link Deadline} passes, and
 * then throws a {@link SocketTimeoutException} saying which step and which setting; the container's
 * {@link SelectorLoop} wakes the caller when the socket is ready. Only the connecting thread uses
 * it.
 *
 * <p>Once the upgrade succeeded, {@link #establish} hands the socket, its TLS layer and the bytes
 * read past the upgrade response to a {@link SocketTransport}, which never blocks.
 */
final class ConnectingSocket implements SelectorLoop.Ready {

    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

    private final SocketChannel channel;
    private final SelectorLoop loop;
    private final SelectionKey key;
    /** Counted down on the selector thread when the readiness the caller waits for comes. */
    private volatile CountDownLatch waiting;
    /** Closed, or handed to a transport: either way no longer this object's to close. */
    private boolean done;
    private TlsLayer tls;
    /** Bytes read past a response head, or with the end of the TLS handshake: read before the socket. */
    private ByteBuffer unread;

    private ConnectingSocket(SocketChannel channel, SelectorLoop loop) throws IOException {
        this.channel = channel;
        this.loop = loop;
        this.key = loop.register(channel, this);
    }

    /**
     * Opens a TCP connection to {@code address}.
     *
     * @throws SocketTimeoutException when it is not connected by {@code deadline}
     */
    static ConnectingSocket connect(SelectorLoop loop, InetSocketAddress address, Deadline deadline) throws IOException {
        SocketChannel channel = SocketChannel.open();
        ConnectingSocket socket;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            socket = new ConnectingSocket(channel, loop);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        try {
            if (!channel.connect(address)) {
                do {
                    socket.await(SelectionKey.OP_CONNECT, deadline);
                } while (!channel.finishConnect());
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes all of {@code data} by {@code deadline}. */
    void writeFully(ByteBuffer data, Deadline deadline) throws IOException {
        ByteBuffer[] buffers = {data};
        while (!(tls == null ? writePlain(data) : tls.write(channel, buffers, 1))) {
            await(SelectionKey.OP_WRITE, deadline);
        }
    }

    private boolean writePlain(ByteBuffer data) throws IOException {
        channel.write(data);
        return !data.hasRemaining();
    }

    /** Sends the TLS records the engine has to send, and nothing else, by {@code deadline}. */
    private void sendHandshakeRecords(Deadline deadline) throws IOException {
        while (!tls.write(channel, NOTHING, 0)) {
            await(SelectionKey.OP_WRITE, deadline);
        }
    }

    /**
     * Reads at least one byte into {@code target} by {@code deadline}.
     *
     * @throws EOFException when the connection ends first
     */
    int readSome(ByteBuffer target, Deadline deadline) throws IOException {
        while (true) {
            int n = read(target, deadline);
            if (n > 0) {
                return n;
            }
            if (n < 0) {
                throw new EOFException("The connection closed while " + deadline.what());
            }
            await(SelectionKey.OP_READ, deadline);
        }
    }

    /** Reads what is there: the bytes given back first, then the socket's, through TLS once it is on. */
    private int read(ByteBuffer target, Deadline deadline) throws IOException {
        ByteBuffer ahead = unread;
        if (ahead != null) {
            int n = SocketTransport.move(ahead, target);
            if (!ahead.hasRemaining()) {
                unread = null;
            }
            return n;
        }
        if (tls == null) {
            return channel.read(target);
        }
        while (true) {
            // Records unwrapping leaves to send (the handshake's next flight, a key update's answer) are sent here, blocking.
            int n = tls.read(channel, target, () -> { });
            if (!tls.wantsWrap()) {
                return n;
            }
            sendHandshakeRecords(deadline);
            if (n != 0) {
                return n;
            }
            // nothing read yet: unwrap what arrived behind the records that asked for an answer
        }
    }

    /** How many bytes were read past a response head and wait to be read again. */
    int unreadBytes() {
        ByteBuffer ahead = unread;
        return ahead == null ? 0 : ahead.remaining();
    }

    /** Bytes read past the end of a response head: the next read, or the session, reads them first. */
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
            throw new ProtocolException(unreadBytes() + " bytes arrived in the clear before the TLS handshake; "
                    + "they are refused rather than read as the server's");
        }
        TlsLayer layer = new TlsLayer(engine);
        tls = layer;
        engine.beginHandshake();
        ByteBuffer early = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        Deadline sending = deadline.doing("sending the TLS handshake");
        while (layer.isHandshaking()) {
            if (layer.wantsWrap()) {
                sendHandshakeRecords(sending);
                continue;
            }
            int n = read(early, sending);
            if (n < 0) {
                throw new EOFException("The server closed the connection during the TLS handshake");
            }
            if (n == 0 && layer.isHandshaking() && !layer.wantsWrap()) {
                await(SelectionKey.OP_READ, deadline.doing("waiting for the TLS handshake"));
            }
        }
        unread(early.flip());
    }

    /**
     * The transport the session uses from now on, with the socket, its TLS and the bytes given
     * back; this object is done with the socket.
     */
    SocketTransport establish(Executor executor, Executor writeExecutor) {
        done = true;
        return new SocketTransport(channel, loop, key, tls, unread, executor, writeExecutor);
    }

    /** Closes the socket, unless it was handed to a transport. Idempotent. */
    void close() {
        if (done) {
            return;
        }
        done = true;
        if (tls != null) {
            tls.closeOutbound(channel);
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing left to tell
        }
        loop.release();
    }

    @Override
    public void ready(int readyOps) {
        CountDownLatch waiter = waiting;
        if (waiter != null) {
            waiter.countDown();
        }
    }

    /** Waits until the socket is ready for {@code op}, or the selector stopped and closed it. */
    private void await(int op, Deadline deadline) throws IOException {
        CountDownLatch ready = new CountDownLatch(1);
        waiting = ready;
        loop.interest(key, op);
        try {
            long left = deadline.nanosLeft();
            if (left <= 0 || !ready.await(left, TimeUnit.NANOSECONDS)) {
                throw new SocketTimeoutException(deadline.timedOut());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while " + deadline.what());
        }
    }
}
