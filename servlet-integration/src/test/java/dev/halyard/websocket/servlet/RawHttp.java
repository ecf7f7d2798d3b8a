// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw HTTP/1.1 GET, for handshakes the JDK client will not send. */
final class RawHttp {

    private RawHttp() {
    }

    private static final String[] HANDSHAKE = {
        "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"};

    /** The headers of a valid handshake, with RFC 6455's sample key, then {@code extra}. */
    static String[] handshake(String... extra) {
        String[] headers = java.util.Arrays.copyOf(HANDSHAKE, HANDSHAKE.length + extra.length);
        System.arraycopy(extra, 0, headers, HANDSHAKE.length, extra.length);
        return headers;
    }

    /** GET {@code path} with {@code headers}, as bytes to write. */
    private static byte[] get(String path, String... headers) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Completes a WebSocket handshake to {@code path}, sends {@code frames} raw, and returns the
     * first frame the server answers with (header bytes and payload), or null if it closed first.
     */
    /** The response head (status line and headers, through the blank line), or what came before the stream ended. */
    static String readHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0; ) {
            head.append((char) b);
        }
        return head.toString();
    }

    static byte[] afterHandshake(int port, String path, byte[] frames) throws Exception {
        return afterHandshake(port, path, frames, true);
    }

    /**
     * As above. {@code contentLength} adds {@code Content-Length: 0}, as the JDK client sends: Jetty
     * 12.1.14 does not switch a GET upgrade without it (see JettyUpgradeReproducerTest).
     */
    static byte[] afterHandshake(int port, String path, byte[] frames, boolean contentLength) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(contentLength ? get(path, handshake("Content-Length: 0")) : get(path, handshake()));
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.append((char) b);
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new AssertionError("Handshake refused: " + head);
            }
            out.write(frames);
            out.flush();
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return null;
            }
            byte[] payload = in.readNBytes(b1 & 0x7F); // the server's control frames are short and unmasked
            byte[] frame = new byte[2 + payload.length];
            frame[0] = (byte) b0;
            frame[1] = (byte) b1;
            System.arraycopy(payload, 0, frame, 2, payload.length);
            return frame;
        }
    }

    /**
     * Completes a handshake, sends {@code frames}, reads the first frame the server answers with,
     * then waits up to {@code waitMillis} for the server to close the TCP connection, which RFC 6455
     * §7.1.1 asks of it after the close handshake.
     *
     * @return whether the server closed the connection in time
     */
    static boolean serverClosesAfter(int port, String path, byte[] frames, long waitMillis) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(get(path, handshake("Content-Length: 0")));
            out.write(frames);
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            socket.setSoTimeout((int) waitMillis);
            try {
                while (in.read() >= 0) {
                    // the 101, the answer, then nothing until the end of the stream
                }
                return true;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            }
        }
    }

    /** Sends GET {@code path} with {@code headers}; returns the status line and headers of the answer. */
    static String request(int port, String path, String... headers) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(get(path, headers));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            StringBuilder response = new StringBuilder();
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                response.append(line).append('\n');
            }
            return response.toString();
        }
    }
}
