// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client over a plain socket that opens with the request a browser sends: no
 * {@code Content-Length}, with {@code Origin}, {@code User-Agent} and a permessage-deflate offer.
 * Jetty 12.1's servlet upgrade loses the bytes after the 101 for such a request, which the JDK's
 * client (it sends {@code Content-Length: 0}) never shows. Text frames only, unfragmented.
 */
final class BrowserLikeSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 §1.3

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** Set when the server took the permessage-deflate offer, as Halyard does: its messages then come compressed. */
    private java.util.zip.Inflater inflater;

    private BrowserLikeSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens {@code ws://127.0.0.1:port<pathAndQuery>}; fails unless the answer is a valid 101. */
    static BrowserLikeSocket open(int port, String pathAndQuery) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        BrowserLikeSocket client = new BrowserLikeSocket(socket);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Connection: Upgrade\r\n"
                + "Pragma: no-cache\r\n"
                + "Cache-Control: no-cache\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) halyard-distribution-tests\r\n"
                + "Upgrade: websocket\r\n"
                + "Origin: http://127.0.0.1:" + port + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Accept-Encoding: gzip, deflate, br\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                + "\r\n";
        client.out.write(request.getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        String head = client.readHead();
        if (!head.startsWith("HTTP/1.1 101") || !head.contains(accept(key))) {
            client.close();
            throw new IOException("Not a valid 101 for " + pathAndQuery + ":\n" + head);
        }
        if (head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate")) {
            client.inflater = new java.util.zip.Inflater(true);
        }
        return client;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The response head up to the blank line, byte by byte so that no frame byte after it is consumed. */
    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed in the response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Sends one masked text frame (RFC 6455 §5.3: a client masks every frame). */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            throw new IllegalArgumentException("Messages over 64 KiB are not needed here");
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads the next frame, which must be an unmasked, unfragmented text frame (what the samples send). */
    String nextText() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        boolean compressed = first == 0xC1 && inflater != null; // RSV1: permessage-deflate (RFC 7692 §6)
        if ((first != 0x81 && !compressed) || (second & 0x80) != 0) {
            throw new IOException(String.format("Expected an unmasked final text frame, got header bytes %02x %02x", first, second));
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length > 1 << 20) {
            throw new IOException("Text frame of " + length + " bytes is larger than any sample sends");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new String(compressed ? inflate(payload) : payload, StandardCharsets.UTF_8);
    }

    /** Whether the server agreed to compress. */
    boolean compresses() {
        return inflater != null;
    }

    /** A compressed message's bytes, with the 00 00 FF FF the sender removed put back (RFC 7692 §7.2.2). */
    private byte[] inflate(byte[] payload) throws IOException {
        byte[] stream = java.util.Arrays.copyOf(payload, payload.length + 4);
        stream[payload.length + 2] = (byte) 0xFF;
        stream[payload.length + 3] = (byte) 0xFF;
        inflater.setInput(stream);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            int n;
            while ((n = inflater.inflate(chunk)) > 0) {
                out.write(chunk, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException("Invalid compressed message: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Sends a close frame with code 1000 and closes the socket. */
    @Override
    public void close() throws IOException {
        try {
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            out.write(new byte[] {(byte) 0x88, (byte) 0x82, mask[0], mask[1], mask[2], mask[3],
                    (byte) (0x03 ^ mask[0]), (byte) (0xE8 ^ mask[1])});
            out.flush();
        } catch (IOException e) {
            // already gone: nothing to close politely
        } finally {
            socket.close();
            if (inflater != null) {
                inflater.end();
            }
        }
    }
}
