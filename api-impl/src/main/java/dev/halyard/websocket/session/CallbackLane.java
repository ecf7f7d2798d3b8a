// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.diagnostics.WarnOnce;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * A connection's completions that run application code ({@code SendHandler}s), one at a time and
 * in the order their frames were written, on the application's executor. Writes finish on the
 * container's threads (Tomcat's workers, Jetty's selectors), which wake blocked senders and go on
 * writing but must never wait behind application code: a {@code SendHandler} that blocks there
 * would stall every connection the thread serves. A handler that blocks holds up only its own
 * connection's later handlers.
 */
final class CallbackLane {

    private static final WarnOnce WARNINGS = new WarnOnce(System.getLogger(CallbackLane.class.getName()));

    private final Executor executor;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private boolean running;
    private final Runnable drainTask = this::drain;

    CallbackLane(Executor executor) {
        this.executor = executor;
    }

    /**
     * Tells a completion its frame's outcome: at once, unless it runs application code, which goes
     * to this lane (on this thread only when {@code applicationThread}).
     */
    void tell(SendCompletion completion, Throwable cause, boolean applicationThread) {
        if (completion.callsApplication()) {
            run(cause == null ? completion::succeeded : () -> completion.failed(cause), applicationThread);
        } else if (cause == null) {
            completion.succeeded();
        } else {
            completion.failed(cause);
        }
    }

    /**
     * Runs {@code callback} after those given before it: on this thread when {@code mayRunHere} (an
     * application thread whose own send just completed) and none is waiting, else on the executor.
     */
    void run(Runnable callback, boolean mayRunHere) {
        synchronized (this) {
            waiting.add(callback);
            if (running) {
                return; // the thread draining the lane takes it
            }
            running = true;
        }
        if (mayRunHere) {
            drain();
        } else {
            executor.execute(drainTask);
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                WARNINGS.log(e.getClass().getName(), "A send completion failed", e);
            }
        }
    }
}
