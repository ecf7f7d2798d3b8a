// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status line and headers of an HTTP/1.1 response (RFC 9112 §4, §5), read from a connection
 * up to the blank line; what follows stays unread.
 */
record HttpResponseHead(int status, String reason, Map<String, List<String>> headers) {

    /** A head larger than this is refused instead of buffered further. */
    static final int MAX_BYTES = 64 * 1024;

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /**
     * Reads a response head from {@code socket} by {@code deadline}; bytes after it are given back
     * to the socket, for the session.
     */
    static HttpResponseHead read(ConnectingSocket socket, Deadline deadline) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        int scanned = 0;
        while (true) {
            if (!buffer.hasRemaining()) {
                if (buffer.capacity() >= MAX_BYTES) {
                    throw new ProtocolException("The HTTP response head from the server is larger than " + MAX_BYTES + " bytes");
                }
                buffer = ByteBuffer.allocate(Math.min(MAX_BYTES, buffer.capacity() * 4)).put(buffer.flip());
            }
            socket.readSome(buffer, deadline);
            int end = endOfHead(buffer, Math.max(0, scanned - 3));
            scanned = buffer.position();
            if (end >= 0) {
                byte[] head = new byte[end];
                buffer.flip();
                buffer.get(head);
                buffer.position(end + 4);
                socket.unread(buffer);
                return parse(new String(head, StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** Where CRLF CRLF starts in {@code buffer}'s bytes [0, position), or -1. */
    private static int endOfHead(ByteBuffer buffer, int from) {
        for (int i = from; i + 3 < buffer.position(); i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r' && buffer.get(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    static HttpResponseHead parse(String head) throws ProtocolException {
        String[] lines = head.split("\r\n", -1);
        String statusLine = lines[0];
        // HTTP-version SP status-code SP [ reason-phrase ]
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new ProtocolException("The server did not answer with an HTTP/1.x status line: \"" + abbreviate(statusLine) + "\"");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProtocolException("Malformed HTTP status line from the server: \"" + abbreviate(statusLine) + "\"");
        }
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new ProtocolException("Malformed HTTP header line from the server: \"" + abbreviate(line) + "\"");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        headers.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return new HttpResponseHead(status, reason, Collections.unmodifiableMap(headers));
    }

    private static String abbreviate(String text) {
        return dev.halyard.websocket.handshake.HeaderText.printable(text);
    }
}
