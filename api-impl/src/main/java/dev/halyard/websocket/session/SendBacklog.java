// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of asynchronous data frames one connection has accepted and not yet written, held to
 * {@code maxBytes} (though one message always fits when nothing waits) and to the container's
 * {@link SendBudget}; and how long frames have kept being refused, so that a peer that does not
 * read is reported stuck once. Only data frames of asynchronous sends count ({@link OutgoingFrame#bounded}):
 * a blocking sender waits for its own frame, and control frames are small and few.
 *
 * <p>Not thread-safe: the {@link SendQueue} calls it under its lock.
 */
final class SendBacklog {

    private final long maxBytes;
    private final SendBudget budget;
    private final long stuckAfterNanos;
    private final SessionStatistics statistics;

    private long bytes;
    /** The most {@link #bytes} held so far; the statistics hear only of a new high. */
    private long peak;
    /** When frames began to be refused with nothing accepted since; 0 while they are accepted. */
    private long refusedSinceNanos;
    private boolean stuckReported;

    /** Bounded per connection only. */
    SendBacklog(long maxBytes) {
        this(maxBytes, new SendBudget(Long.MAX_VALUE), Long.MAX_VALUE, new SessionStatistics());
    }

    /**
     * @param budget the container's, shared by its connections
     * @param stuckAfterMillis how long frames may keep being refused before the connection counts as stuck
     * @param statistics told of the largest backlog
     */
    SendBacklog(long maxBytes, SendBudget budget, long stuckAfterMillis, SessionStatistics statistics) {
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.statistics = statistics;
        this.stuckAfterNanos = stuckAfterMillis >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE
                : TimeUnit.MILLISECONDS.toNanos(stuckAfterMillis);
    }

    /**
     * Counts the frame in when it fits.
     *
     * @return null when admitted (or not bounded); otherwise why it was refused
     */
    IOException admit(OutgoingFrame frame) {
        if (!frame.bounded) {
            return null;
        }
        IOException refusal = null;
        if (bytes > 0 && bytes + frame.length > maxBytes) {
            refusal = new IOException("Send backlog of " + bytes + " bytes plus a " + frame.length
                    + "-byte message exceeds the limit of " + maxBytes + " bytes; the peer is reading too slowly");
        } else if (!budget.tryReserve(frame.length, bytes == 0)) {
            refusal = new IOException("The container's messages waiting unsent, " + budget.reservedBytes() + " bytes, plus a "
                    + frame.length + "-byte message exceed its limit of " + budget.limit() + " bytes (halyard.maxSendBacklogTotal); "
                    + "peers are reading too slowly");
        }
        if (refusal == null) {
            bytes += frame.length;
            refusedSinceNanos = 0;
            if (bytes > peak) {
                peak = bytes;
                statistics.backlogReached(bytes);
            }
        } else if (refusedSinceNanos == 0) {
            refusedSinceNanos = System.nanoTime();
        }
        return refusal;
    }

    /** True once: when refusals have gone on, with nothing admitted, for longer than the stuck threshold. */
    boolean becameStuck() {
        if (stuckReported || refusedSinceNanos == 0 || System.nanoTime() - refusedSinceNanos < stuckAfterNanos) {
            return false;
        }
        stuckReported = true;
        return true;
    }

    /** Frames written, failed or withdrawn: their bytes no longer wait. */
    void release(long released) {
        bytes -= released;
        budget.release(released);
    }

    /** The bounded bytes among {@code frames}. */
    static long boundedBytes(Iterable<OutgoingFrame> frames) {
        long total = 0;
        for (OutgoingFrame frame : frames) {
            if (frame.bounded) {
                total += frame.length;
            }
        }
        return total;
    }

    long bytes() {
        return bytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    @Override
    public String toString() {
        return bytes + " of " + maxBytes + " bytes" + (refusedSinceNanos == 0 ? ""
                : ", refusing for " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - refusedSinceNanos) + " ms");
    }
}
