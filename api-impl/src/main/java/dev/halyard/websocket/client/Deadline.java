// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import java.util.concurrent.TimeUnit;

/**
 * When a step of a connect must be done, what the step is, and the setting that set the moment:
 * all a blocking step needs to wait and, when it is not done in time, to say so. A step's
 * deadline is the earlier of its own timeout and the whole connect's.
 *
 * @param atNanos the {@link System#nanoTime()} by which the step must be done
 * @param timeoutMillis the timeout that set it
 * @param setting the user property of that timeout
 * @param what the step as the messages say it: "waiting for the handshake response"
 */
record Deadline(long atNanos, long timeoutMillis, String setting, String what) {

    /** A deadline {@code timeoutMillis} from now, set by {@code setting}, for {@code what}. */
    static Deadline in(long timeoutMillis, String setting, String what) {
        return new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), timeoutMillis, setting, what);
    }

    /** The same moment, for another step. */
    Deadline doing(String step) {
        return new Deadline(atNanos, timeoutMillis, setting, step);
    }

    /** The earlier moment of this and {@code other}, with the timeout that set it, for this step. */
    Deadline earliest(Deadline other) {
        return other.atNanos - atNanos < 0 ? new Deadline(other.atNanos, other.timeoutMillis, other.setting, what) : this;
    }

    /** Nanoseconds left; zero or less once passed. */
    long nanosLeft() {
        return atNanos - System.nanoTime();
    }

    /** "Timed out after 500 ms (halyard.client.handshakeTimeout) waiting for ..." */
    String timedOut() {
        return "Timed out after " + timeoutMillis + " ms (" + setting + ") " + what;
    }
}
