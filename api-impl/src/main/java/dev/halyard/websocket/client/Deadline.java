package dev.halyard.websocket.client;

import java.util.concurrent.TimeUnit;

/**
 * When a step of a connect must be done, and the setting that said so, for the message when it is
 * not. A step's deadline is the earlier of its own timeout and the whole connect's.
 *
 * @param atNanos the {@link System#nanoTime()} by which the step must be done
 * @param timeoutMillis the timeout that set it
 * @param setting the user property of that timeout
 */
record Deadline(long atNanos, long timeoutMillis, String setting) {

    /** A deadline {@code timeoutMillis} from now, set by {@code setting}. */
    static Deadline in(long timeoutMillis, String setting) {
        return new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), timeoutMillis, setting);
    }

    /** The earlier of this and {@code other}. */
    Deadline earliest(Deadline other) {
        return other.atNanos - atNanos < 0 ? other : this;
    }

    /** Nanoseconds left; zero or less once passed. */
    long nanosLeft() {
        return atNanos - System.nanoTime();
    }

    /** Milliseconds left, at least 1 while any time is left, 0 once passed. */
    long millisLeft() {
        long left = nanosLeft();
        return left <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
    }

    /** "Timed out after 500 ms (halyard.client.handshakeTimeout) waiting for ..." */
    String timedOut(String what) {
        return "Timed out after " + timeoutMillis + " ms (" + setting + ") " + what;
    }
}
