// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.util.List;

/**
 * What a run's traffic proved: of the messages that should have arrived, how many did intact,
 * corrupt (wrong type, length or any byte) or not at all, and how many connections failed
 * (handshake refused, protocol violation, closed by the server, I/O error), with the first reason.
 * {@code lingering} counts connections whose server answered the close frame but did not then
 * close TCP (RFC 6455 §7.1.1 says it should, at once): a leak, though no message was lost.
 */
public record Check(long expected, long intact, long corrupt, long missing, int failedConnections, String firstFailure,
                    int lingering) {

    /** @param expected the messages that should have arrived on these connections together */
    static Check of(List<Connection> connections, long expected) {
        long intact = 0;
        long corrupt = 0;
        int failed = 0;
        int lingering = 0;
        String first = null;
        for (Connection connection : connections) {
            lingering += connection.lingered() ? 1 : 0;
            intact += connection.intact();
            corrupt += connection.corrupt();
            if (connection.failure() != null) {
                failed++;
                first = first == null ? connection.failure() : first;
            }
        }
        return new Check(expected, intact, corrupt, Math.max(0, expected - intact - corrupt), failed, first, lingering);
    }

    /** The messages these connections sent: what must come back when each one's own are echoed. */
    static long sentBy(List<Connection> connections) {
        return connections.stream().mapToLong(Connection::sent).sum();
    }

    public boolean clean() {
        return corrupt == 0 && missing == 0 && failedConnections == 0;
    }

    Check plus(Check other) {
        return new Check(expected + other.expected, intact + other.intact, corrupt + other.corrupt, missing + other.missing,
                failedConnections + other.failedConnections, firstFailure != null ? firstFailure : other.firstFailure,
                lingering + other.lingering);
    }

    static Check none() {
        return new Check(0, 0, 0, 0, 0, null, 0);
    }
}
