// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client's opening handshake (RFC 6455 §4.1): the GET request with a fresh
 * {@code Sec-WebSocket-Key}, and the checks on the server's response (§4.2.2, §4.1 steps 1-6).
 * It may offer permessage-deflate (RFC 7692) without parameters, and then insists that the server
 * agrees: a figure meant to measure compressed traffic must never measure uncompressed traffic.
 * One per connection, dropped once the connection is open.
 */
final class ClientHandshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 §1.3
    private static final int MAX_RESPONSE = 8192;

    private final String expectedAccept;
    private final boolean offerDeflate;
    private ClientDeflate deflate;
    private final byte[] request;
    private final byte[] response = new byte[MAX_RESPONSE];
    private int responseLength;

    ClientHandshake(String host, int port, String pathAndQuery) {
        this(host, port, pathAndQuery, false);
    }

    /** @param offerDeflate whether to offer permessage-deflate, with context takeover on both sides */
    ClientHandshake(String host, int port, String pathAndQuery, boolean offerDeflate) {
        this.offerDeflate = offerDeflate;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        expectedAccept = accept(key);
        request = ("GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (offerDeflate ? "Sec-WebSocket-Extensions: " + ClientDeflate.NAME + "\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The value a server must answer for {@code key} (RFC 6455 §4.2.2 step 5.4). */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }

    byte[] request() {
        return request;
    }

    /**
     * Takes response bytes. Returns how many of them belong to the response once its header is
     * complete (the rest are the first frames), or -1 while more are needed.
     *
     * @throws HandshakeException when the header grows past 8 KiB
     */
    int consume(byte[] bytes, int offset, int length) throws HandshakeException {
        for (int i = 0; i < length; i++) {
            if (responseLength == MAX_RESPONSE) {
                throw new HandshakeException("Handshake response header exceeds " + MAX_RESPONSE + " bytes");
            }
            response[responseLength++] = bytes[offset + i];
            if (responseLength >= 4 && response[responseLength - 4] == '\r' && response[responseLength - 3] == '\n'
                    && response[responseLength - 2] == '\r' && response[responseLength - 1] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Checks the complete response header. */
    void verify() throws HandshakeException {
        String[] lines = new String(response, 0, responseLength - 4, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.1") || !status[1].equals("101")) {
            throw new HandshakeException("Expected status 101 Switching Protocols, got \"" + lines[0] + "\"");
        }
        String upgrade = null;
        String connection = null;
        String accept = null;
        String extensions = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new HandshakeException("Malformed response header line \"" + lines[i] + "\"");
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade = value;
                case "connection" -> connection = value;
                case "sec-websocket-accept" -> accept = value;
                // Repeated header lines are one comma-separated list (RFC 9110 §5.3)
                case "sec-websocket-extensions" -> extensions = extensions == null ? value : extensions + ", " + value;
                default -> { }
            }
        }
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            throw new HandshakeException("Expected Upgrade: websocket, got " + upgrade);
        }
        if (connection == null || !hasToken(connection, "upgrade")) {
            throw new HandshakeException("Expected Connection to contain the token Upgrade, got " + connection);
        }
        if (!expectedAccept.equals(accept)) {
            throw new HandshakeException("Expected Sec-WebSocket-Accept " + expectedAccept + ", got " + accept);
        }
        boolean none = extensions == null || extensions.isEmpty();
        if (!offerDeflate && !none) {
            throw new HandshakeException("Server accepted extensions " + extensions + " that were not offered (RFC 6455 §4.1)");
        }
        if (offerDeflate) {
            if (none) {
                throw new HandshakeException("The server declined the offered " + ClientDeflate.NAME
                        + " (no Sec-WebSocket-Extensions in its response): this figure measures compressed traffic only");
            }
            deflate = new ClientDeflate(extensions, clientNoContextTakeover(extensions));
        }
    }

    /** The connection's compression once {@link #verify} accepted an agreed permessage-deflate; else null. */
    ClientDeflate deflate() {
        return deflate;
    }

    /**
     * Checks the server's answer to the offer of permessage-deflate without parameters (RFC 7692
     * §7.1) and says whether it asks the client to reset its compressor after each message.
     */
    static boolean clientNoContextTakeover(String answer) throws HandshakeException {
        String[] elements = answer.split(",");
        if (elements.length != 1) {
            throw new HandshakeException("The server answered " + elements.length + " extensions, \"" + answer
                    + "\", to the offer of " + ClientDeflate.NAME + " alone (RFC 6455 §9.1)");
        }
        String[] parts = elements[0].split(";");
        if (!parts[0].trim().equals(ClientDeflate.NAME)) {
            throw new HandshakeException("The server answered extension \"" + parts[0].trim() + "\", which was not offered (RFC 6455 §9.1)");
        }
        boolean clientNoContextTakeover = false;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            String name = parameter[0].trim();
            String value = parameter.length == 2 ? parameter[1].trim().replace("\"", "") : null;
            if (!seen.add(name)) {
                throw new HandshakeException("Parameter " + name + " appears twice in \"" + answer + "\" (RFC 7692 §7)");
            }
            switch (name) {
                // The server resetting its own compressor needs nothing of the client: its inflater copes either way
                case "server_no_context_takeover" -> requireNoValue(name, value, answer);
                case "client_no_context_takeover" -> {
                    requireNoValue(name, value, answer);
                    clientNoContextTakeover = true;
                }
                // A smaller server window changes nothing for an inflater with the largest one
                case "server_max_window_bits" -> {
                    if (value == null || !value.matches("[89]|1[0-5]")) {
                        throw new HandshakeException("server_max_window_bits must be 8 to 15, got " + value + " in \"" + answer
                                + "\" (RFC 7692 §7.1.2.1)");
                    }
                }
                default -> throw new HandshakeException("The server answered parameter " + name + " in \"" + answer
                        + "\", which this offer does not allow (RFC 7692 §7.1)");
            }
        }
        return clientNoContextTakeover;
    }

    private static void requireNoValue(String name, String value, String answer) throws HandshakeException {
        if (value != null) {
            throw new HandshakeException(name + " takes no value, got \"" + answer + "\" (RFC 7692 §7.1.1)");
        }
    }

    private static boolean hasToken(String list, String token) {
        for (String part : list.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** The server's response broke an RFC 6455 §4.1 rule. */
    static final class HandshakeException extends Exception {
        private static final long serialVersionUID = 1L;

        HandshakeException(String message) {
            super(message);
        }
    }
}
