// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.hostile;

import jakarta.websocket.Session;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** What the target server's endpoints know, for the /health servlet. Lives in the target's JVM. */
final class Registry {

    /** Sessions of /echo and /broadcast between their @OnOpen and @OnClose. */
    static final Set<Session> OPEN = ConcurrentHashMap.newKeySet();

    /** Whether any thread died of, or any endpoint saw, an OutOfMemoryError. */
    static final AtomicBoolean OOM = new AtomicBoolean();

    /** Broadcast sends that failed: an exception from sendText or a failed SendResult. */
    static final LongAdder BROADCAST_SEND_FAILURES = new LongAdder();

    /** The thread that last answered an /echo message, as {@code Thread.toString()} (a virtual one says so). */
    static volatile String echoThread = "";

    /** Errors reported to @OnError (a peer's protocol violation, a lost connection...). */
    static final LongAdder ERRORS = new LongAdder();

    private Registry() {
    }

    static void opened(Session session) {
        OPEN.add(session);
    }

    static void closed(Session session) {
        OPEN.remove(session);
    }

    static void error(Throwable error) {
        ERRORS.increment();
        noteOom(error);
    }

    /** Sets the flag when {@code error} or one of its causes is an OutOfMemoryError. */
    static void noteOom(Throwable error) {
        for (int depth = 0; error != null && depth < 32; depth++, error = error.getCause()) {
            if (error instanceof OutOfMemoryError) {
                OOM.set(true);
                return;
            }
        }
    }
}
