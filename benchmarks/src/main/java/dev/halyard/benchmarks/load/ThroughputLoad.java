// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.time.Duration;

/**
 * A load that keeps a window of messages in flight for as long as it sends, measured in slices
 * ({@link Interleaving}): each slice starts sending, lets the windows fill during an uncounted
 * lead-in, counts the work done and the server's CPU time over the slice's time, then stops
 * sending and awaits every reply, so that no slice leaves load for whichever target comes next.
 */
abstract class ThroughputLoad implements Interleaving.Load {

    /** Before each slice's counted time: every window fills, from empty, well within it. */
    static final Duration LEAD_IN = Duration.ofMillis(200);

    final EventLoop loop;
    private final ServerProbe server;
    private final Duration warmup;
    private final Duration slice;
    /** What the recorded slices counted. */
    final SliceTotals totals = new SliceTotals();

    /** @param server reads the server's CPU time at the start and the end of each slice's counted time */
    ThroughputLoad(EventLoop loop, ServerProbe server, Duration warmup, Duration slice) {
        this.loop = loop;
        this.server = server;
        this.warmup = warmup;
        this.slice = slice;
    }

    /** Starts sending: fills every window. */
    abstract void start();

    /** Stops sending, and runs the loop until every reply is back (or a generous deadline). */
    abstract void stop();

    /** The work done so far (messages echoed, deliveries), all slices and the warm-up included. */
    abstract long done();

    /** Traffic for the warm-up time, then a full collection on the server, so the slices start from a collected heap. */
    @Override
    public void warmUp() {
        start();
        loop.run(EchoLoad.deadline(warmup));
        stop();
        server.heapAfterGc();
    }

    @Override
    public void slice(boolean recorded) {
        start();
        loop.run(EchoLoad.deadline(LEAD_IN));
        totals.begin(done(), server.cpuNanos());
        loop.run(EchoLoad.deadline(slice));
        totals.end(done(), server.cpuNanos(), recorded);
        stop();
    }

    @Override
    public void close() {
        loop.close();
    }
}
