package dev.halyard.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client's opening handshake (RFC 6455 §4.1): the GET request with a fresh
 * {@code Sec-WebSocket-Key}, and the checks on the server's response (§4.2.2, §4.1 steps 1-6).
 * One per connection, dropped once the connection is open.
 */
final class ClientHandshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 §1.3
    private static final int MAX_RESPONSE = 8192;

    private final String expectedAccept;
    private final byte[] request;
    private final byte[] response = new byte[MAX_RESPONSE];
    private int responseLength;

    ClientHandshake(String host, int port, String pathAndQuery) {
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
                case "sec-websocket-extensions" -> extensions = value;
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
        if (extensions != null && !extensions.isEmpty()) {
            throw new HandshakeException("Server accepted extensions " + extensions + " that were not offered (RFC 6455 §4.1)");
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
