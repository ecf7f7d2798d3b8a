// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.session;

import dev.halyard.websocket.extension.ExtensionChain;
import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.session.Codecs;
import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.HandshakeInfo;
import dev.halyard.websocket.session.SessionConfig;
import dev.halyard.websocket.session.Transport;
import dev.halyard.websocket.session.WebSocketConnection;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A client session's blocking send into a transport that takes every write at once and drops it:
 * framing, the client's masking (RFC 6455 §5.3: the caller's buffer stays as it is) and the send
 * queue, without a peer. Run with {@code -prof gc} for the bytes a client allocates per message sent.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientSendBenchmark {

    private HalyardSession client;
    private ByteBuffer binary16k;
    private String text64;

    /** Takes every write whole, at once, and drops it; nothing ever arrives. */
    private static final class DroppingTransport implements Transport {
        @Override
        public int read(ByteBuffer target) {
            return 0;
        }

        @Override
        public void awaitReadable(Runnable onReadable) {
        }

        @Override
        public void write(ByteBuffer[] buffers, int count, WriteCallback callback) {
            for (int i = 0; i < count; i++) {
                buffers[i].position(buffers[i].limit());
            }
            callback.completed();
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }
    }

    @Setup(Level.Trial)
    public void open() {
        SessionConfig config = SessionConfig.defaults().withMessageLimits(1 << 20, 1 << 20);
        HandshakeInfo handshake = new HandshakeInfo(null, URI.create("ws://localhost/echo"), Map.of(), null, Map.of(), null, "",
                List.of(), Map.of(), ConcurrentHashMap.newKeySet());
        Endpoint silent = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig endpointConfig) {
            }
        };
        client = new HalyardSession(new WebSocketConnection(new DroppingTransport(), Role.CLIENT, new ExtensionChain(List.of()),
                config.maxSendBacklogBytes()), silent, ClientEndpointConfig.Builder.create().build(), handshake, config,
                Codecs.BUILT_IN);
        client.open();
        binary16k = ByteBuffer.allocate(16 * 1024);
        text64 = "x".repeat(64);
    }

    @Benchmark
    public void binary16KiB() throws IOException {
        client.getBasicRemote().sendBinary(binary16k.duplicate());
    }

    @Benchmark
    public void text64Bytes() throws IOException {
        client.getBasicRemote().sendText(text64);
    }
}
