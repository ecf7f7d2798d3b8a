// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of asynchronous messages that all the sessions of one container may leave waiting
 * unsent, together: each session has its own bound too, but thousands of sessions whose peers do
 * not read would each fill theirs. Past this budget an asynchronous send fails at once with an
 * {@code IOException} when its session already has messages waiting; a session with nothing waiting
 * (a peer that reads) is always served, so peers that do not read cannot starve those that do, and
 * the memory held stays within the budget plus one message per session.
 */
public final class SendBudget {

    private static final System.Logger LOG = System.getLogger(SendBudget.class.getName());

    private final AtomicLong reserved = new AtomicLong();
    /** Refusals are dropped work, but once the budget is spent there is one per message: warned of once per container. */
    private final AtomicBoolean refusalWarned = new AtomicBoolean();
    private volatile long limit;

    public SendBudget(long limitBytes) {
        setLimit(limitBytes);
    }

    /** A quarter of the largest heap the JVM may have: room to spare for everything else a server holds. */
    public static long defaultLimit() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    public void setLimit(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("The container's send budget must be positive, got " + limitBytes);
        }
        this.limit = limitBytes;
    }

    public long limit() {
        return limit;
    }

    /** Bytes reserved now by messages waiting unsent in any session of the container. */
    public long reservedBytes() {
        return reserved.get();
    }

    /**
     * Reserves {@code bytes} for a message; false when that would exceed the budget, unless
     * {@code always} (a session with nothing waiting).
     */
    boolean tryReserve(long bytes, boolean always) {
        while (true) {
            long current = reserved.get();
            if (!always && current > 0 && current + bytes > limit) {
                if (!refusalWarned.get() && refusalWarned.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "The container's messages waiting unsent reached its limit of " + limit
                            + " bytes (halyard.maxSendBacklogTotal): asynchronous sends to sessions that already have messages "
                            + "waiting fail at once, and such sessions are closed when refused for longer than the blocking send "
                            + "timeout. Peers read more slowly than the application sends. Logged once per container.");
                }
                return false;
            }
            if (reserved.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        if (bytes > 0) {
            reserved.addAndGet(-bytes);
        }
    }

    @Override
    public String toString() {
        return "SendBudget[" + reserved.get() + " of " + limit + " bytes reserved]";
    }
}
