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

    /** Sends GET {@code path} with {@code headers}; returns the status line and headers of the answer. */
    static String request(int port, String path, String... headers) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
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
