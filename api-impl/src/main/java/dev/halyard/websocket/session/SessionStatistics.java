// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sessions of one server endpoint, or of one client container, have done: sessions opened
 * and closed (by close code), frames and payload bytes in and out, send failures and timeouts,
 * protocol errors, the largest send backlog. The container hands one down to each connection it
 * makes; the management package reads it.
 *
 * <p>Cheap to keep: counters are {@link LongAdder}s (striped, so connections on many threads do
 * not contend), and the connection adds to them once per read and once per gathering write
 * ({@link FrameTally}), not per frame; nothing allocates per message. Reads are sums taken at that
 * moment, not a consistent snapshot.
 */
public final class SessionStatistics {

    /** The kinds of frame counted apart; continuation frames count as the kind of their message. */
    public enum Kind {
        TEXT, BINARY, CONTROL
    }

    /** Frames and payload bytes in one direction, by kind. */
    public static final class Flow {
        final LongAdder[] messages = adders();
        final LongAdder[] bytes = adders();

        private static LongAdder[] adders() {
            LongAdder[] adders = new LongAdder[Kind.values().length];
            for (int i = 0; i < adders.length; i++) {
                adders[i] = new LongAdder();
            }
            return adders;
        }

        /** Whole messages of {@code kind}; each control frame is one. */
        public long messages(Kind kind) {
            return messages[kind.ordinal()].sum();
        }

        /** Payload bytes of {@code kind} as on the wire (compressed, with permessage-deflate), headers not counted. */
        public long bytes(Kind kind) {
            return bytes[kind.ordinal()].sum();
        }
    }

    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final Map<Integer, LongAdder> closesByCode = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> protocolErrorsByCode = new ConcurrentHashMap<>();
    private final Flow in = new Flow();
    private final Flow out = new Flow();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder sendTimeouts = new LongAdder();
    private final AtomicLong largestBacklog = new AtomicLong();

    // ---- counting (the session package)

    void countOpened() {
        opened.increment();
    }

    /** A session has closed with {@code code}: the one in the close frame it closed with, 1006 without one. */
    void countClosed(int code) {
        closed.increment();
        increment(closesByCode, code);
    }

    void countProtocolError(int code) {
        increment(protocolErrorsByCode, code);
    }

    void countSendFailure() {
        sendFailures.increment();
    }

    void countSendTimeout() {
        sendTimeouts.increment();
    }

    /** One session's send backlog has reached {@code bytes}, more than it held before. */
    void backlogReached(long bytes) {
        largestBacklog.accumulateAndGet(bytes, Math::max);
    }

    private static void increment(Map<Integer, LongAdder> byCode, int code) {
        byCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    // ---- reading

    public long sessionsOpened() {
        return opened.sum();
    }

    public long sessionsClosed() {
        return closed.sum();
    }

    /** Sessions opened and not yet closed. */
    public long openSessions() {
        return sessionsOpened() - sessionsClosed();
    }

    /** Closed sessions by the code they closed with (see {@link #countClosed}), in code order. */
    public Map<Integer, Long> closesByCode() {
        return snapshot(closesByCode);
    }

    /** Sessions closed because the peer broke a rule, by the code they were closed with (1002, 1007, 1009...). */
    public Map<Integer, Long> protocolErrorsByCode() {
        return snapshot(protocolErrorsByCode);
    }

    /** What the peers sent. */
    public Flow in() {
        return in;
    }

    /** What was written to the peers. */
    public Flow out() {
        return out;
    }

    /** Frames refused (backlog full, session closing) or failed with their connection. */
    public long sendFailures() {
        return sendFailures.sum();
    }

    /** Sends not written within their send timeout (blocking or asynchronous). */
    public long sendTimeouts() {
        return sendTimeouts.sum();
    }

    /** The most bytes of asynchronous messages one session had waiting unsent at once. */
    public long largestBacklog() {
        return largestBacklog.get();
    }

    private static Map<Integer, Long> snapshot(Map<Integer, LongAdder> byCode) {
        Map<Integer, Long> copy = new TreeMap<>();
        byCode.forEach((code, count) -> copy.put(code, count.sum()));
        return Collections.unmodifiableMap(copy);
    }
}
