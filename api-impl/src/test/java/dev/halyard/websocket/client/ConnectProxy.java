// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy that only tunnels (CONNECT), for loopback targets only; optionally it asks
 * for Basic credentials with 407 first. It records each CONNECT request's head.
 */
public final class ConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String expectedAuthorization;
    public final List<String> connects = new CopyOnWriteArrayList<>();

    /** @param expectedAuthorization the Proxy-Authorization value to require, or null */
    public ConnectProxy(String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread thread = new Thread(() -> serve(client), "proxy-connection");
                    thread.setDaemon(true);
                    thread.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "proxy-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve(Socket client) {
        try (client) {
            ScriptedServer.Request request = ScriptedServer.readHead(client.getInputStream());
            if (request == null) {
                return;
            }
            connects.add(request.requestLine() + " | " + request.header("Proxy-Authorization"));
            OutputStream toClient = client.getOutputStream();
            String[] parts = request.requestLine().split(" ");
            if (!parts[0].equals("CONNECT")) {
                toClient.write("HTTP/1.1 405 Only CONNECT\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            if (expectedAuthorization != null && !expectedAuthorization.equals(request.header("Proxy-Authorization"))) {
                toClient.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            int colon = parts[1].lastIndexOf(':');
            String host = parts[1].substring(0, colon).replace("[", "").replace("]", "");
            InetAddress target = InetAddress.getByName(host);
            if (!target.isLoopbackAddress()) {
                toClient.write("HTTP/1.1 403 Loopback only\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            try (Socket upstream = new Socket(target, Integer.parseInt(parts[1].substring(colon + 1)))) {
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                toClient.flush();
                Thread back = new Thread(() -> pipe(upstream, client), "proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, upstream);
                back.join(5000);
            }
        } catch (IOException | InterruptedException e) {
            // a side went away
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
