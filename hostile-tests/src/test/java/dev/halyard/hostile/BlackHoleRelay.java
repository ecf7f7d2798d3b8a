// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 between clients and a server that forwards bytes both ways until
 * {@link #blackHole()}: from then on it reads and writes nothing in either direction, and closes
 * neither socket. To the server, its peers have vanished without a FIN, as behind a NAT that forgot
 * them or a laptop that closed its lid. At most {@code maxConnections} are accepted.
 */
final class BlackHoleRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final int maxConnections;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackHoled;
    private volatile boolean closed;
    private final CountDownLatch closing = new CountDownLatch(1);

    BlackHoleRelay(int serverPort, int maxConnections) throws IOException {
        this.serverPort = serverPort;
        this.maxConnections = maxConnections;
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "relay-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        for (int accepted = 0; accepted < maxConnections && !closed; accepted++) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                sockets.add(client);
                sockets.add(server);
                server.connect(new InetSocketAddress("127.0.0.1", serverPort), 5_000);
                pump(client, server, "relay-up-" + accepted);
                pump(server, client, "relay-down-" + accepted);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, String name) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                while (!closed) {
                    if (blackHoled) {
                        parkUntilClosed();
                        return;
                    }
                    int n = in.read(buffer);
                    if (n < 0) {
                        if (!blackHoled) {
                            to.shutdownOutput();
                        }
                        return;
                    }
                    if (blackHoled) { // what arrives after the peer vanished never reaches it
                        parkUntilClosed();
                        return;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // closed
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The black hole: holds what it has unread and unwritten until the relay closes, for at most 2 minutes. */
    private void parkUntilClosed() {
        try {
            closing.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** From now on, nothing is read or written either way; no socket is closed. */
    void blackHole() {
        blackHoled = true;
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
