// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The completion of the pong a connection sends by itself for a ping (RFC 6455 §5.5.2), and the
 * hand-off that lets the read loop park behind it while it cannot be written: whichever of
 * {@link #park} and the completion comes second resumes the loop, exactly once.
 */
final class AutomaticPong implements SendCompletion {

    private static final int PENDING = 0;
    private static final int PARKED = 1;
    private static final int DONE = 2;

    private final AtomicInteger state = new AtomicInteger();
    private final Runnable resumeReadLoop;

    /** @param resumeReadLoop hands the read loop to the executor; runs at most once */
    AutomaticPong(Runnable resumeReadLoop) {
        this.resumeReadLoop = resumeReadLoop;
    }

    boolean isDone() {
        return state.get() == DONE;
    }

    /** Parks the read loop behind this pong; false when it is already written, and the loop goes on. */
    boolean park() {
        return state.compareAndSet(PENDING, PARKED);
    }

    @Override
    public void succeeded() {
        done();
    }

    @Override
    public void failed(Throwable cause) {
        done(); // the connection is failing; the loop, resumed, sees it closed
    }

    private void done() {
        if (state.getAndSet(DONE) == PARKED) {
            resumeReadLoop.run();
        }
    }

    @Override
    public String toString() {
        return switch (state.get()) {
            case PENDING -> "pong queued";
            case PARKED -> "read loop parked behind its pong";
            default -> "pong written";
        };
    }
}
