// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Echo throughput: C connections each keep W messages of S bytes in flight to /echo, sending the
 * next as each echo returns; messages and payload megabytes (10^6 bytes) echoed per second, and
 * the server's CPU time per message echoed, over the measured slices. Each slice starts with a
 * short lead-in that is not counted, while the connections fill their windows; then the counted
 * time; then sending stops and every outstanding echo is awaited, so no slice leaves load for
 * whichever target comes next ({@link Interleaving}).
 * Compressed, the messages are {@link JsonMessages} and every connection offers permessage-deflate
 * and fails unless the server agrees; the result then says how many bytes crossed the wire for
 * each byte of payload, in each direction.
 */
final class EchoLoad extends ThroughputLoad {

    /**
     * @param compressed JSON-like messages with permessage-deflate, rather than letters uncompressed
     * @param slice the counted time of each slice
     */
    record Settings(int connections, int inFlight, int size, boolean binary, boolean compressed, Duration warmup,
                    Duration slice) {
    }

    /**
     * @param wireToServer bytes written after the handshakes over payload bytes sent
     * @param wireFromServer bytes read after the handshakes over payload bytes received
     * @param uncompressedEchoes echoes that came back with RSV1 clear, when compressed (a server may choose to)
     * @param agreed the distinct Sec-WebSocket-Extensions answers the server gave, when compressed
     * @param serverCpuMicrosPerMessage the server process's CPU time (all threads: I/O, endpoint, GC, compiler)
     *        over the counted time divided by the messages echoed in it; NaN when the probe cannot read it
     * @param client the load generator thread's CPU time per message and share of a core, for the log
     */
    record Result(double messagesPerSecond, double megabytesPerSecond, double wireToServer, double wireFromServer,
                  long uncompressedEchoes, Set<String> agreed, double serverCpuMicrosPerMessage, String client, Check check) {
    }

    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final List<Connection> connections = new ArrayList<>();
    private boolean sending;

    private EchoLoad(EventLoop loop, Settings settings, ServerProbe server) {
        super(loop, server, settings.warmup(), settings.slice());
        this.settings = settings;
        MessageContent pattern = settings.compressed() ? new JsonMessages(settings.size()) : new MessagePattern(settings.size());
        int opcode = settings.binary() ? 0x2 : 0x1;
        Connection.Listener echo = new Connection.Listener() {
            @Override
            public void received(Connection connection, boolean intact) {
                if (sending) {
                    connection.send(1);
                }
            }
        };
        for (int i = 0; i < settings.connections(); i++) {
            Connection connection = new Connection(echo, 64 * 1024).sends(pattern, opcode, i).expects(pattern, opcode, i);
            connections.add(settings.compressed() ? connection.offersDeflate() : connection);
        }
    }

    /**
     * Opens the connections to {@code address}'s /echo, silent until the warm-up.
     *
     * @param server reads the server's CPU time at the start and the end of each slice's counted time
     */
    static EchoLoad open(InetSocketAddress address, Settings settings, ServerProbe server) {
        return Interleaving.opened(address, loop -> {
            EchoLoad load = new EchoLoad(loop, settings, server);
            // Tomcat's default limit is 8 KiB, Jetty's and Halyard's 64 KiB: every target gets the same
            int limit = Math.max(64 * 1024, settings.size());
            loop.open(load.connections, "/echo?max=" + limit, deadline(OPEN_TIMEOUT));
            return load;
        });
    }

    @Override
    void start() {
        sending = true;
        connections.forEach(connection -> connection.send(settings.inFlight()));
    }

    /** Stops sending and awaits every outstanding echo: generous, since a stalled server shows as missing messages. */
    @Override
    void stop() {
        sending = false;
        long bytes = (long) settings.connections() * settings.inFlight() * settings.size();
        Duration drain = Duration.ofSeconds(5).plusMillis(bytes / 10_000); // 5 s plus 10 MB/s for what is in flight
        loop.run(deadline(drain), () -> allAnswered(connections), null);
    }

    /** Closes the connections with the closing handshake; the figures over the recorded slices, and what all the traffic proved. */
    Result finish() {
        loop.closeAll(connections);
        Check check = Check.of(connections, Check.sentBy(connections));
        double perSecond = totals.perSecond();
        long payloadOut = Check.sentBy(connections) * settings.size();
        long payloadIn = received(connections) * settings.size();
        long wireOut = connections.stream().mapToLong(Connection::wireOut).sum();
        long wireIn = connections.stream().mapToLong(Connection::wireIn).sum();
        long plain = connections.stream().filter(c -> c.deflate() != null).mapToLong(c -> c.deflate().plainMessagesIn()).sum();
        return new Result(perSecond, perSecond * settings.size() / 1e6, (double) wireOut / payloadOut,
                (double) wireIn / payloadIn, plain, agreed(connections), totals.cpuMicrosPerUnit(), totals.client(), check);
    }

    @Override
    long done() {
        return received(connections);
    }

    private static Set<String> agreed(List<Connection> connections) {
        Set<String> answers = new TreeSet<>();
        connections.stream().filter(c -> c.deflate() != null).forEach(c -> answers.add(c.deflate().answer()));
        return answers;
    }

    static long received(List<Connection> connections) {
        long total = 0;
        for (Connection connection : connections) {
            total += connection.intact() + connection.corrupt();
        }
        return total;
    }

    static boolean allAnswered(List<Connection> connections) {
        for (Connection connection : connections) {
            if (connection.state() != Connection.State.CLOSED
                    && connection.intact() + connection.corrupt() < connection.sent()) {
                return false;
            }
        }
        return true;
    }

    static long deadline(Duration fromNow) {
        return System.nanoTime() + fromNow.toNanos();
    }
}
