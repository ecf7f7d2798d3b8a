// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import dev.halyard.websocket.handshake.HandshakeKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server that answers each connection with a script: the tests decide, byte by
 * byte, what the client's handshake gets back. Requests are recorded.
 */
final class ScriptedServer implements AutoCloseable {

    /** A request's head as received. */
    record Request(String requestLine, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name);
        }
    }

    interface Script {
        void answer(Request request, Socket socket, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedServer(Script script) throws IOException {
        this(InetAddress.getLoopbackAddress(), script);
    }

    ScriptedServer(InetAddress address, Script script) throws IOException {
        this(new ServerSocket(0, 50, address), script);
    }

    /** Serving over TLS with {@code context}'s key and certificate, on loopback. */
    static ScriptedServer tls(javax.net.ssl.SSLContext context, Script script) throws IOException {
        return new ScriptedServer(context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                script);
    }

    private ScriptedServer(ServerSocket server, Script script) {
        this.server = server;
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread connection = new Thread(() -> serve(socket, script), "scripted-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "scripted-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            Request request = readHead(socket.getInputStream());
            if (request == null) {
                return;
            }
            requests.add(request);
            script.answer(request, socket, socket.getOutputStream());
            socket.getOutputStream().flush();
            // keep the connection until the client is done with it
            while (socket.getInputStream().read() >= 0) {
                // discard
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    static Request readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : b == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.UTF_8).split("\r\n");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        return new Request(lines[0], headers);
    }

    /** A correct 101 for {@code request}, with extra header lines (each ending in CRLF). */
    static String switching(Request request, String extraHeaders) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + HandshakeKeys.accept(request.header("Sec-WebSocket-Key")) + "\r\n" + extraHeaders + "\r\n";
    }

    /** An unmasked server text frame of fewer than 126 bytes. */
    static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
