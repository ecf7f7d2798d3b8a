// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory an open, idle connection costs the server: heap after a full collection and the
 * process's resident set, before and after N connections to /echo open (with the container's
 * default message limits), divided by N. Then each connection echoes one message, to prove it
 * was really open.
 *
 * <p>N connections open, echo and close once before the baseline, unmeasured: the first burst of
 * N handshakes also grows what a server keeps once grown (code the JIT compiles for the handshake,
 * the compiler's own memory, pool threads and their stacks, malloc's arenas), and that is not
 * memory per connection. Measured in JVMs that had run nothing before, without that pass, every
 * target's resident set grew by 4.2 to 5.7 KB per connection, most of it gone on a second burst.
 */
final class IdleLoad {

    record Settings(int connections, Duration settle) {
    }

    record Result(int connections, double heapBytesPerConnection, double residentBytesPerConnection, Check check) {
    }

    private static final int SIZE = 64;

    private IdleLoad() {
    }

    static Result run(InetSocketAddress server, Settings settings, ServerProbe probe) {
        try (EventLoop loop = new EventLoop(server)) {
            List<Connection> warmUp = connections(settings.connections());
            loop.open(warmUp, "/echo", EchoLoad.deadline(Duration.ofSeconds(120)));
            echoAndClose(loop, warmUp);
            List<Connection> connections = connections(settings.connections());
            // the same pause before the baseline: the server may still be ending the warm-up's connections
            loop.run(EchoLoad.deadline(settings.settle()));
            long heapBefore = probe.heapAfterGc();
            long residentBefore = probe.residentBytes();
            int open = loop.open(connections, "/echo", EchoLoad.deadline(Duration.ofSeconds(120)));
            loop.run(EchoLoad.deadline(settings.settle())); // let the server finish its side of every open
            long heapAfter = probe.heapAfterGc();
            long residentAfter = probe.residentBytes();
            echoAndClose(loop, connections);
            List<Connection> all = new ArrayList<>(warmUp);
            all.addAll(connections);
            Check check = Check.of(all, Check.sentBy(all));
            int divisor = Math.max(1, open);
            return new Result(open, (heapAfter - heapBefore) / (double) divisor,
                    (residentAfter - residentBefore) / (double) divisor, check);
        }
    }

    /** Each connection echoes one message, to prove it was really open; then all close. */
    private static void echoAndClose(EventLoop loop, List<Connection> connections) {
        connections.forEach(connection -> connection.send(1));
        loop.run(EchoLoad.deadline(Duration.ofSeconds(30)), () -> EchoLoad.allAnswered(connections), null);
        loop.closeAll(connections);
    }

    private static List<Connection> connections(int count) {
        MessagePattern pattern = new MessagePattern(SIZE);
        Connection.Listener quiet = new Connection.Listener() { };
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            connections.add(new Connection(quiet, 256).sends(pattern, 0x1, i).expects(pattern, 0x1, i));
        }
        return connections;
    }
}
