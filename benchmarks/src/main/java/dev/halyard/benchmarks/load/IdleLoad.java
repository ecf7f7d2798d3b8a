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
        MessagePattern pattern = new MessagePattern(SIZE);
        List<Connection> connections = new ArrayList<>();
        Connection.Listener quiet = new Connection.Listener() { };
        for (int i = 0; i < settings.connections(); i++) {
            connections.add(new Connection(quiet, 256).sends(pattern, 0x1, i).expects(pattern, 0x1, i));
        }
        try (EventLoop loop = new EventLoop(server)) {
            // the same pause before the baseline: the server may still be ending the previous figure's connections
            loop.run(EchoLoad.deadline(settings.settle()));
            long heapBefore = probe.heapAfterGc();
            long residentBefore = probe.residentBytes();
            int open = loop.open(connections, "/echo", EchoLoad.deadline(Duration.ofSeconds(120)));
            loop.run(EchoLoad.deadline(settings.settle())); // let the server finish its side of every open
            long heapAfter = probe.heapAfterGc();
            long residentAfter = probe.residentBytes();
            connections.forEach(connection -> connection.send(1));
            loop.run(EchoLoad.deadline(Duration.ofSeconds(30)), () -> EchoLoad.allAnswered(connections), null);
            loop.closeAll(connections);
            Check check = Check.of(connections, Check.sentBy(connections));
            int divisor = Math.max(1, open);
            return new Result(open, (heapAfter - heapBefore) / (double) divisor,
                    (residentAfter - residentBefore) / (double) divisor, check);
        }
    }
}
