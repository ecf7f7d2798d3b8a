// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking socket channel with an {@link SSLEngine}: unwrapping what arrives,
 * wrapping what is sent, and the handshake records either direction needs. Reading and writing may
 * run on two threads at once, which {@code SSLEngine} allows; each direction has its own buffers.
 */
final class TlsLayer {

    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

    private final SSLEngine engine;
    /** Encrypted bytes read and not yet unwrapped; write mode. */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet handed to the reader; write mode. */
    private ByteBuffer appIn;
    /** Encrypted bytes not yet written; read mode. */
    private ByteBuffer netOut;

    TlsLayer(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(packet).flip();
    }

    /** Whether the engine has handshake records to send (a handshake, or a TLS 1.3 key update's answer). */
    boolean wantsWrap() {
        return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP;
    }

    boolean isHandshaking() {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && status != SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /**
     * Reads and unwraps without blocking.
     *
     * @param onWrapNeeded runs when unwrapping left handshake records to send
     * @return the application bytes copied into {@code target}; 0 when more must arrive first; -1
     *     at the end of input (the peer's close_notify, or the connection closing)
     */
    int read(SocketChannel channel, ByteBuffer target, Runnable onWrapNeeded) throws IOException {
        while (true) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(appIn.remaining(), target.remaining());
                ByteBuffer slice = appIn.slice(appIn.position(), n);
                target.put(slice);
                appIn.position(appIn.position() + n).compact();
                return n;
            }
            if (netIn.position() > 0) {
                netIn.flip();
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                netIn.compact();
                runTasks(result.getHandshakeStatus());
                if (wantsWrap()) {
                    onWrapNeeded.run();
                }
                switch (result.getStatus()) {
                    case OK:
                        if (result.bytesProduced() > 0 || result.bytesConsumed() > 0) {
                            continue;
                        }
                        break;
                    case BUFFER_OVERFLOW:
                        appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                        continue;
                    case BUFFER_UNDERFLOW:
                        if (netIn.position() == netIn.capacity()) {
                            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                        }
                        break;
                    case CLOSED:
                        return appIn.position() > 0 ? read(channel, target, onWrapNeeded) : -1;
                    default:
                        throw new SSLException("Unexpected TLS unwrap status " + result.getStatus());
                }
            }
            int n = channel.read(netIn);
            if (n < 0) {
                return -1; // without close_notify: the WebSocket close handshake tells a clean end apart
            }
            if (n == 0) {
                return 0;
            }
        }
    }

    /**
     * Wraps and writes what it can of {@code buffers} without blocking, including any handshake
     * records the engine needs to send.
     *
     * @return true when everything is wrapped and written
     */
    boolean write(SocketChannel channel, ByteBuffer[] buffers, int count) throws IOException {
        while (true) {
            if (netOut.hasRemaining()) {
                channel.write(netOut);
                if (netOut.hasRemaining()) {
                    return false;
                }
            }
            boolean appLeft = remaining(buffers, count);
            if (!appLeft && !wantsWrap()) {
                return true;
            }
            netOut.clear();
            SSLEngineResult result = engine.wrap(appLeft ? buffers : NOTHING, 0, appLeft ? count : 0, netOut);
            netOut.flip();
            runTasks(result.getHandshakeStatus());
            switch (result.getStatus()) {
                case OK:
                    if (result.bytesProduced() == 0 && result.bytesConsumed() == 0 && !wantsWrap()) {
                        return !remaining(buffers, count);
                    }
                    break;
                case BUFFER_OVERFLOW:
                    netOut = grow(netOut.clear(), engine.getSession().getPacketBufferSize()).flip();
                    break;
                case CLOSED:
                    throw new SSLException("The TLS connection is closed; nothing more can be sent");
                default:
                    throw new SSLException("Unexpected TLS wrap status " + result.getStatus());
            }
        }
    }

    /** Sends close_notify if it fits into the socket now; the connection closes right after. */
    void closeOutbound(SocketChannel channel) {
        try {
            engine.closeOutbound();
            if (!netOut.hasRemaining()) {
                netOut.clear();
                engine.wrap(NOTHING, netOut);
                netOut.flip();
                channel.write(netOut);
            }
        } catch (IOException | RuntimeException e) {
            // the connection is closing anyway
        }
    }

    private void runTasks(SSLEngineResult.HandshakeStatus status) {
        if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }

    private static boolean remaining(ByteBuffer[] buffers, int count) {
        for (int i = 0; i < count; i++) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** A larger buffer in write mode holding what {@code buffer} (write mode) held. */
    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        int capacity = Math.max(buffer.capacity() * 2, buffer.position() + atLeast);
        return ByteBuffer.allocate(capacity).put(buffer.flip());
    }
}
