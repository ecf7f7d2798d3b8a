// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One client WebSocket connection on a non-blocking channel, driven by an {@link EventLoop}:
 * connect, opening handshake, then frames out from its {@link OutboundFrames} through its
 * {@link ChannelWriter} and frames in checked against its {@link ExpectedMessages}, byte by byte;
 * then the closing handshake (RFC 6455 §7). Inbound messages must be the numbered messages of one
 * stream, in order: an echo of this connection's own, or a broadcaster's. With permessage-deflate
 * offered and agreed, messages go out compressed and come in inflated before they are checked. It
 * counts the bytes it writes and reads after the handshake, frame headers included, to show what
 * compression saved. This class keeps the connection's state and answers the server's control
 * frames; it runs on the event loop's thread only.
 */
final class Connection implements InboundFrames.Sink {

    /** What a workload does when a connection opens or a message arrives. */
    interface Listener {
        default void opened(Connection connection) {
        }

        /** A whole message arrived; {@code intact} when its type, length and every byte were as expected. */
        default void received(Connection connection, boolean intact) {
        }
    }

    enum State { NEW, CONNECTING, HANDSHAKING, OPEN, CLOSING, CLOSED }

    private final Listener listener;
    private final ChannelWriter writer;
    private State state = State.NEW;
    private SocketChannel channel;
    private SelectionKey key;
    private ClientHandshake handshake;
    private InboundFrames inbound;
    private OutboundFrames outbound;
    private boolean inCallback;
    private boolean flushWanted;
    private boolean offerDeflate;
    private ClientDeflate deflate;
    private long wireIn;

    private ExpectedMessages expected = ExpectedMessages.nothing();
    private boolean closeReceived;
    private boolean lingered;
    private String failure;

    /** @param outCapacity bytes of the output buffer, allocated on the first send */
    Connection(Listener listener, int outCapacity) {
        this.listener = listener;
        this.writer = new ChannelWriter(outCapacity);
    }

    /** What this connection sends: messages of {@code pattern} numbered in stream {@code stream}. */
    Connection sends(MessageContent pattern, int opcode, int stream) {
        outbound = new OutboundFrames(pattern, opcode, stream);
        return this;
    }

    /** Offers permessage-deflate in the handshake and fails unless the server agrees. */
    Connection offersDeflate() {
        offerDeflate = true;
        return this;
    }

    /** The agreed compression, or null when none was offered or the connection never opened. */
    ClientDeflate deflate() {
        return deflate;
    }

    /** Bytes written after the handshake: frames, headers and masks included. */
    long wireOut() {
        return writer.written();
    }

    /** Bytes read after the handshake. */
    long wireIn() {
        return wireIn;
    }

    /** What it must receive: the messages of stream {@code stream}, from number 0, in order. */
    Connection expects(MessageContent pattern, int opcode, int stream) {
        expected = new ExpectedMessages(pattern, opcode, stream);
        return this;
    }

    State state() {
        return state;
    }

    long intact() {
        return expected.intact();
    }

    long corrupt() {
        return expected.corrupt();
    }

    /** Messages queued for sending so far. */
    long sent() {
        return outbound == null ? 0 : outbound.queuedTotal();
    }

    String failure() {
        return failure;
    }

    /** Whether the close frames were exchanged but the server kept TCP open until this client gave up. */
    boolean lingered() {
        return lingered;
    }

    void start(Selector selector, InetSocketAddress server, String pathAndQuery) {
        state = State.CONNECTING;
        handshake = new ClientHandshake(server.getHostString(), server.getPort(), pathAndQuery, offerDeflate);
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            if (channel.connect(server)) {
                connected();
            }
        } catch (IOException e) {
            fail("Connecting to " + server + " failed: " + e);
        }
    }

    /** Handles what the selector found ready; {@code buffer} is the loop's shared read buffer. */
    void ready(ByteBuffer buffer) {
        try {
            if (key.isConnectable() && channel.finishConnect()) {
                connected();
            }
            if (key.isValid() && key.isReadable()) {
                read(buffer);
            }
            if (key.isValid() && key.isWritable()) {
                write();
            }
        } catch (IOException e) {
            fail("I/O error in state " + state + ": " + e);
        } catch (ClientHandshake.HandshakeException | InboundFrames.ProtocolViolation e) {
            fail(e.getMessage());
        }
    }

    /** Queues the next {@code count} messages and writes what the socket takes now. */
    void send(int count) {
        if (state != State.OPEN) {
            return;
        }
        outbound.queue(count);
        if (inCallback) {
            flushWanted = true;
        } else {
            flush("messages");
        }
    }

    /** Starts the closing handshake (RFC 6455 §7.1.2) with 1000, or drops a connection not yet open. */
    void close() {
        if (state == State.OPEN) {
            state = State.CLOSING;
            outbound().queueClose(1000);
            flush("the close frame");
        } else if (state != State.CLOSING && state != State.CLOSED) {
            fail("Closed before the handshake completed, in state " + state);
        }
    }

    /** Ends the connection now, whatever its state. */
    void abort() {
        if (state != State.CLOSED) {
            if (state != State.CLOSING) {
                fail("Aborted in state " + state);
            }
            lingered = closeReceived;
            release();
        }
    }

    private void connected() throws IOException {
        state = State.HANDSHAKING;
        writer.request(handshake.request());
        write();
    }

    private void read(ByteBuffer buffer) throws IOException, ClientHandshake.HandshakeException,
            InboundFrames.ProtocolViolation {
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
            endOfStream();
            return;
        }
        byte[] bytes = buffer.array();
        int offset = 0;
        if (state == State.HANDSHAKING) {
            int used = handshake.consume(bytes, 0, n);
            if (used < 0) {
                return;
            }
            handshake.verify();
            deflate = handshake.deflate();
            handshake = null;
            state = State.OPEN;
            if (deflate != null && outbound != null) {
                outbound.compressWith(deflate);
            }
            inbound = new InboundFrames(deflate == null ? this : deflate.inflating(this), deflate != null);
            offset = used;
            inCallback = true;
            try {
                listener.opened(this);
            } finally {
                inCallback = false;
            }
        }
        wireIn += n - offset;
        inCallback = true;
        try {
            inbound.feed(bytes, offset, n - offset);
        } finally {
            inCallback = false;
        }
        if (flushWanted) {
            flushWanted = false;
            write();
        }
    }

    private void endOfStream() {
        if (state == State.CLOSING && closeReceived) {
            release(); // the server closed TCP first, as RFC 6455 §7.1.1 asks
        } else {
            fail("The server ended the TCP stream in state " + state + " without a close frame");
        }
    }

    private void write() throws IOException {
        if (state == State.CLOSED) {
            return; // released inside a callback: nothing may be compressed with the ended deflater, nor written
        }
        boolean all = writer.write(channel, outbound);
        interest(all ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    /** Writes what the socket takes now; a failure ends the connection, naming what was being written. */
    private void flush(String what) {
        try {
            write();
        } catch (IOException e) {
            fail("Writing " + what + " failed: " + e);
        }
    }

    /** The frames out; for control frames alone when this connection sends no messages of its own. */
    private OutboundFrames outbound() {
        if (outbound == null) {
            outbound = new OutboundFrames(new MessagePattern(MessagePattern.HEADER), 0x2, 0);
        }
        return outbound;
    }

    private void interest(int ops) {
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    @Override
    public void messageStart(int opcode, boolean compressed) {
        expected.start(opcode);
    }

    @Override
    public void payload(byte[] bytes, int offset, int length) {
        expected.payload(bytes, offset, length);
    }

    @Override
    public void messageEnd() {
        listener.received(this, expected.end());
    }

    @Override
    public void control(int opcode, byte[] payload, int length) {
        if (opcode == 0x9 && state == State.OPEN) {
            // A server's keepalive ping (Halyard pings quiet connections): answer it, as RFC 6455 §5.5.2 asks.
            outbound().queuePong(java.util.Arrays.copyOf(payload, length));
            flush("a pong");
            return;
        }
        if (opcode != 0x8) {
            return; // pongs: none of the targets answers pings the load generator does not send
        }
        closeReceived = true;
        if (state == State.OPEN) {
            int code = length >= 2 ? (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF) : 1005;
            failure = "The server closed the session with code " + code
                    + (length > 2 ? " \"" + new String(payload, 2, length - 2, java.nio.charset.StandardCharsets.UTF_8) + "\"" : "");
            close(); // answer the close frame (RFC 6455 §5.5.1)
        }
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
        release();
    }

    private void release() {
        state = State.CLOSED;
        if (deflate != null) {
            deflate.end(); // zlib's native memory is not garbage collected
        }
        if (key != null) {
            key.cancel();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing more to do with a connection that is gone
        }
    }
}
