// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.session;

import dev.halyard.websocket.coder.EndpointCoders;
import dev.halyard.websocket.endpoint.AnnotatedEndpointModel;
import dev.halyard.websocket.extension.ExtensionChain;
import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.HandshakeInfo;
import dev.halyard.websocket.session.Codecs;
import dev.halyard.websocket.session.SessionConfig;
import dev.halyard.websocket.session.WebSocketConnection;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round-trip echo through a client and a server {@link HalyardSession} over an in-memory
 * connection: the whole engine (framing, masking, parsing, UTF-8 check, message assembly, the
 * send queue, the read loop's executor hand-offs) without a network. One operation is one
 * message sent by the client, echoed by the server's handler with a blocking send, and received
 * back. Run with {@code -prof gc} for bytes allocated per round trip. The server's endpoint is
 * programmatic (message handlers) or annotated ({@code @OnMessage} methods whose return value is
 * the echo), so the second also measures the call into an annotated method.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InMemoryEchoBenchmark {

    /** Which server endpoint echoes: {@link EchoEndpoint} or {@link AnnotatedEcho}. */
    @Param({"programmatic", "annotated"})
    public String endpoint;

    private ExecutorService executor;
    private HalyardSession client;
    private final BlockingQueue<Object> echoes = new ArrayBlockingQueue<>(16);
    private String text64;
    private ByteBuffer binary64k;

    /** Echoes every text and binary message back with a blocking send. */
    public static final class EchoEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> send(() -> session.getBasicRemote().sendText(text)));
            session.addMessageHandler(ByteBuffer.class, data -> send(() -> session.getBasicRemote().sendBinary(data)));
        }
    }

    /** The same echo as {@code @OnMessage} methods: what they return is sent back (Jakarta WebSocket 2.2 §4.7). */
    @ServerEndpoint("/echo")
    public static final class AnnotatedEcho {
        @OnMessage
        public String text(String text) {
            return text;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer data, Session session) {
            return data;
        }
    }

    private final class Receiver extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, echoes::add);
            session.addMessageHandler(ByteBuffer.class, echoes::add);
        }
    }

    interface IoCall {
        void run() throws IOException;
    }

    static void send(IoCall call) {
        try {
            call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Setup(Level.Trial)
    public void open() throws DeploymentException {
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "echo-benchmark");
            thread.setDaemon(true);
            return thread;
        });
        LoopbackTransport[] ends = LoopbackTransport.pair(executor);
        SessionConfig config = SessionConfig.defaults().withMessageLimits(1 << 20, 1 << 20);
        ExtensionChain none = new ExtensionChain(List.of());
        URI uri = URI.create("ws://localhost/echo");
        HandshakeInfo handshake = new HandshakeInfo(null, uri, Map.of(), null, Map.of(), null, "", List.of(), Map.of(),
                ConcurrentHashMap.newKeySet());
        Endpoint echo = new EchoEndpoint();
        if (endpoint.equals("annotated")) {
            EndpointCoders coders = EndpointCoders.of(List.of(), List.of(), AnnotatedEcho.class.getName());
            echo = AnnotatedEndpointModel.of(AnnotatedEcho.class, Set.of(), coders).newEndpoint(new AnnotatedEcho());
        }
        HalyardSession server = new HalyardSession(new WebSocketConnection(ends[1], Role.SERVER, none, config.maxSendBacklogBytes()),
                echo, ServerEndpointConfig.Builder.create(echo.getClass(), "/echo").build(), handshake, config,
                Codecs.BUILT_IN);
        client = new HalyardSession(new WebSocketConnection(ends[0], Role.CLIENT, none, config.maxSendBacklogBytes()),
                new Receiver(), ClientEndpointConfig.Builder.create().build(), handshake, config, Codecs.BUILT_IN);
        server.open();
        client.open();
        text64 = "x".repeat(64);
        binary64k = ByteBuffer.allocate(64 * 1024);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        client.close();
        executor.shutdownNow();
    }

    @Benchmark
    public Object text64Bytes() throws Exception {
        client.getBasicRemote().sendText(text64);
        return echoes.take();
    }

    @Benchmark
    public Object binary64KiB() throws Exception {
        client.getBasicRemote().sendBinary(binary64k.duplicate());
        return echoes.take();
    }
}
