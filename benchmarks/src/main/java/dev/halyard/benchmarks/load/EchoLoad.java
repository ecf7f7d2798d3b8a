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
 * next as each echo returns; messages and payload megabytes (10^6 bytes) echoed per second over a
 * fixed window after a warm-up, and the server's CPU time over that same window per message
 * echoed. Then sending stops and every outstanding echo is awaited.
 * Compressed, the messages are {@link JsonMessages} and every connection offers permessage-deflate
 * and fails unless the server agrees; the result then says how many bytes crossed the wire for
 * each byte of payload, in each direction.
 */
final class EchoLoad {

    /** @param compressed JSON-like messages with permessage-deflate, rather than letters uncompressed */
    record Settings(int connections, int inFlight, int size, boolean binary, boolean compressed, Duration warmup,
                    Duration measure) {
    }

    /**
     * @param wireToServer bytes written after the handshakes over payload bytes sent
     * @param wireFromServer bytes read after the handshakes over payload bytes received
     * @param uncompressedEchoes echoes that came back with RSV1 clear, when compressed (a server may choose to)
     * @param agreed the distinct Sec-WebSocket-Extensions answers the server gave, when compressed
     * @param serverCpuMicrosPerMessage the server process's CPU time (all threads: I/O, endpoint, GC, compiler)
     *        over the window divided by the messages echoed in it; NaN when the probe cannot read it
     */
    record Result(double messagesPerSecond, double megabytesPerSecond, double wireToServer, double wireFromServer,
                  long uncompressedEchoes, Set<String> agreed, double serverCpuMicrosPerMessage, Check check) {
    }

    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private EchoLoad() {
    }

    /** @param serverProbe reads the server's CPU time at the start and the end of the measured window */
    static Result run(InetSocketAddress server, Settings settings, ServerProbe serverProbe) {
        MessageContent pattern = settings.compressed() ? new JsonMessages(settings.size()) : new MessagePattern(settings.size());
        int opcode = settings.binary() ? 0x2 : 0x1;
        boolean[] sending = {true};
        Connection.Listener echo = new Connection.Listener() {
            @Override
            public void opened(Connection connection) {
                connection.send(settings.inFlight());
            }

            @Override
            public void received(Connection connection, boolean intact) {
                if (sending[0]) {
                    connection.send(1);
                }
            }
        };
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < settings.connections(); i++) {
            Connection connection = new Connection(echo, 64 * 1024).sends(pattern, opcode, i).expects(pattern, opcode, i);
            connections.add(settings.compressed() ? connection.offersDeflate() : connection);
        }
        try (EventLoop loop = new EventLoop(server)) {
            // Tomcat's default limit is 8 KiB, Jetty's and Halyard's 64 KiB: every target gets the same
            int limit = Math.max(64 * 1024, settings.size());
            loop.open(connections, "/echo?max=" + limit, deadline(OPEN_TIMEOUT));
            loop.run(deadline(settings.warmup()));
            long messages = received(connections);
            long cpuBefore = serverProbe.cpuNanos();
            long start = System.nanoTime();
            loop.run(start + settings.measure().toNanos());
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuAfter = serverProbe.cpuNanos();
            messages = received(connections) - messages;
            double cpuPerMessage = ServerProbe.cpuMicrosPer(cpuBefore, cpuAfter, messages);
            sending[0] = false;
            loop.run(deadline(drainTime(settings)), () -> allAnswered(connections), null);
            loop.closeAll(connections);
            Check check = Check.of(connections, Check.sentBy(connections));
            double perSecond = messages / seconds;
            long payloadOut = Check.sentBy(connections) * settings.size();
            long payloadIn = received(connections) * settings.size();
            long wireOut = connections.stream().mapToLong(Connection::wireOut).sum();
            long wireIn = connections.stream().mapToLong(Connection::wireIn).sum();
            long plain = connections.stream().filter(c -> c.deflate() != null).mapToLong(c -> c.deflate().plainMessagesIn()).sum();
            return new Result(perSecond, perSecond * settings.size() / 1e6, (double) wireOut / payloadOut,
                    (double) wireIn / payloadIn, plain, agreed(connections), cpuPerMessage, check);
        }
    }

    /** Time to wait for outstanding echoes: generous, since a stalled server shows as missing messages. */
    private static Duration drainTime(Settings settings) {
        long bytes = (long) settings.connections() * settings.inFlight() * settings.size();
        return Duration.ofSeconds(5).plusMillis(bytes / 10_000); // 5 s plus 10 MB/s for what is in flight
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
