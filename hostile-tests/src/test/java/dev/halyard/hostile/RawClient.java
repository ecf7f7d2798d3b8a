// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A minimal RFC 6455 client over a plain {@link Socket} to 127.0.0.1, written to misbehave: it sends
 * what it is told (masked, with a zero mask key), reads only when asked, and can stop reading
 * altogether. Every read is bounded by the socket's timeout; writes that may block are bounded by
 * {@link #closeAfter}, which closes the socket at a deadline.
 */
final class RawClient implements AutoCloseable {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** Largest frame payload {@link #readFrame} accepts. */
    private static final int MAX_READ_PAYLOAD = 16 << 20;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "raw-client-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** One frame as read. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, 1005 when it has none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    /** Connection options; {@code receiveBuffer} 0 keeps the system's default. */
    record Options(Duration timeout, int receiveBuffer, Map<String, String> extraHeaders) {

        static Options defaults() {
            return new Options(Duration.ofSeconds(10), 0, Map.of());
        }

        /** A peer that will never read: a small receive buffer, so the server's data stays with the server. */
        static Options neverReading() {
            return new Options(Duration.ofSeconds(10), 4096, Map.of());
        }

        Options withHeader(String name, String value) {
            Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
            headers.put(name, value);
            return new Options(timeout, receiveBuffer, headers);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Map<String, String> responseHeaders;

    private RawClient(Socket socket, InputStream in, Map<String, String> responseHeaders) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.responseHeaders = responseHeaders;
    }

    static RawClient connect(int port, String path) throws IOException {
        return connect(port, path, Options.defaults());
    }

    /** Connects to 127.0.0.1:{@code port} and performs the opening handshake, all within the options' timeout. */
    static RawClient connect(int port, String path, Options options) throws IOException {
        Socket socket = new Socket();
        try {
            if (options.receiveBuffer() > 0) {
                socket.setReceiveBufferSize(options.receiveBuffer());
            }
            socket.setTcpNoDelay(true);
            int timeout = (int) options.timeout().toMillis();
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeout);
            socket.setSoTimeout(timeout);
            byte[] keyBytes = new byte[16];
            ThreadLocalRandom.current().nextBytes(keyBytes);
            String key = Base64.getEncoder().encodeToString(keyBytes);
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n")
                    .append("Content-Length: 0\r\n");
            options.extraHeaders().forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 101")) {
                throw new IOException("Handshake refused: " + (lines.length == 0 ? "(empty)" : lines[0]));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                            (a, b) -> a + ", " + b);
                }
            }
            if (!accept(key).equals(headers.get("sec-websocket-accept"))) {
                throw new IOException("Wrong Sec-WebSocket-Accept: " + headers.get("sec-websocket-accept"));
            }
            return new RawClient(socket, in, headers);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Connection closed during the handshake after " + head.size() + " bytes");
            }
            head.write(b);
            if (head.size() > 16384) {
                throw new IOException("Handshake response head over 16 KiB");
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response header of the handshake, by lower-case name, or null. */
    String responseHeader(String name) {
        return responseHeaders.get(name.toLowerCase(Locale.ROOT));
    }

    void setSoTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** A masked frame (zero mask key) as bytes, for batching several frames into one write. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, int offset, int length) {
        int headerLength = 2 + (length < 126 ? 0 : length < 65536 ? 2 : 8) + 4;
        byte[] frame = new byte[headerLength + length];
        frame[0] = (byte) ((fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0xF));
        int p = 1;
        if (length < 126) {
            frame[p++] = (byte) (0x80 | length);
        } else if (length < 65536) {
            frame[p++] = (byte) (0x80 | 126);
            frame[p++] = (byte) (length >>> 8);
            frame[p++] = (byte) length;
        } else {
            frame[p++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[p++] = (byte) ((long) length >>> shift);
            }
        }
        p += 4; // the mask key: 0, 0, 0, 0, so the payload goes as it is
        System.arraycopy(payload, offset, frame, p, length);
        return frame;
    }

    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, payload, 0, payload.length);
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    void sendFrame(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        sendRaw(frame(fin, rsv, opcode, payload, 0, payload.length));
    }

    void sendFragment(int opcode, boolean fin, byte[] payload) throws IOException {
        sendFrame(fin, 0, opcode, payload);
    }

    void sendText(String text) throws IOException {
        sendFrame(true, 0, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendPing(byte[] payload) throws IOException {
        sendFrame(true, 0, PING, payload);
    }

    void sendClose(int code) throws IOException {
        sendFrame(true, 0, CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    /** Reads one frame; throws {@link SocketTimeoutException} after the socket's timeout, {@link EOFException} at the end. */
    Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = ((long) readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
            mask = new byte[] {(byte) readByte(), (byte) readByte(), (byte) readByte(), (byte) readByte()};
        }
        if (length > MAX_READ_PAYLOAD) {
            throw new IOException("Frame of " + length + " bytes from the server");
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("Connection closed inside a frame");
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xF, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("Connection closed by the server");
        }
        return b;
    }

    /** Reads the raw input until the end of stream or {@code within} passes; true at the end of stream (or a reset). */
    boolean readsToEnd(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        byte[] sink = new byte[8192];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                if (in.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server, or closed
        }
    }

    /** Closes the socket at {@code after} from now, ending any read or write blocked in it; cancel the result to keep it. */
    ScheduledFuture<?> closeAfter(Duration after) {
        return WATCHDOG.schedule(this::close, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the TCP connection without a close frame. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed
        }
    }

    /** Ends the connection with a reset, as a crashing peer does. */
    void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closing anyway
        }
        close();
    }

    boolean isClosed() {
        return socket.isClosed();
    }
}
