// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.SessionStatistics;
import dev.halyard.websocket.session.SessionStatistics.Kind;
import jakarta.websocket.Session;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** {@link SessionTraffic} read, when asked, from some {@link SessionStatistics} and the open sessions they cover. */
abstract class TrafficBean implements SessionTraffic {

    /** The statistics this bean sums: an endpoint's one, or those of every endpoint of an application. */
    abstract Collection<SessionStatistics> statistics();

    /** The open sessions whose unsent bytes this bean sums. */
    abstract Collection<? extends Session> sessions();

    private long sum(ToLongFunction<SessionStatistics> counter) {
        long total = 0;
        for (SessionStatistics statistics : statistics()) {
            total += counter.applyAsLong(statistics);
        }
        return total;
    }

    private Map<Integer, Long> merge(Function<SessionStatistics, Map<Integer, Long>> byCode) {
        Map<Integer, Long> merged = new TreeMap<>();
        for (SessionStatistics statistics : statistics()) {
            byCode.apply(statistics).forEach((code, count) -> merged.merge(code, count, Long::sum));
        }
        return Collections.unmodifiableMap(merged);
    }

    @Override
    public long getOpenSessions() {
        return sum(SessionStatistics::openSessions);
    }

    @Override
    public long getSessionsOpened() {
        return sum(SessionStatistics::sessionsOpened);
    }

    @Override
    public long getSessionsClosed() {
        return sum(SessionStatistics::sessionsClosed);
    }

    @Override
    public Map<Integer, Long> getClosesByCode() {
        return merge(SessionStatistics::closesByCode);
    }

    @Override
    public long getTextMessagesIn() {
        return sum(s -> s.in().messages(Kind.TEXT));
    }

    @Override
    public long getBinaryMessagesIn() {
        return sum(s -> s.in().messages(Kind.BINARY));
    }

    @Override
    public long getControlFramesIn() {
        return sum(s -> s.in().messages(Kind.CONTROL));
    }

    @Override
    public long getTextBytesIn() {
        return sum(s -> s.in().bytes(Kind.TEXT));
    }

    @Override
    public long getBinaryBytesIn() {
        return sum(s -> s.in().bytes(Kind.BINARY));
    }

    @Override
    public long getControlBytesIn() {
        return sum(s -> s.in().bytes(Kind.CONTROL));
    }

    @Override
    public long getTextMessagesOut() {
        return sum(s -> s.out().messages(Kind.TEXT));
    }

    @Override
    public long getBinaryMessagesOut() {
        return sum(s -> s.out().messages(Kind.BINARY));
    }

    @Override
    public long getControlFramesOut() {
        return sum(s -> s.out().messages(Kind.CONTROL));
    }

    @Override
    public long getTextBytesOut() {
        return sum(s -> s.out().bytes(Kind.TEXT));
    }

    @Override
    public long getBinaryBytesOut() {
        return sum(s -> s.out().bytes(Kind.BINARY));
    }

    @Override
    public long getControlBytesOut() {
        return sum(s -> s.out().bytes(Kind.CONTROL));
    }

    @Override
    public long getBytesUnsent() {
        long total = 0;
        for (Session session : sessions()) {
            if (session instanceof HalyardSession halyard) {
                total += halyard.snapshot().unsentBytes();
            }
        }
        return total;
    }

    @Override
    public long getLargestBacklog() {
        long largest = 0;
        for (SessionStatistics statistics : statistics()) {
            largest = Math.max(largest, statistics.largestBacklog());
        }
        return largest;
    }

    @Override
    public long getSendFailures() {
        return sum(SessionStatistics::sendFailures);
    }

    @Override
    public long getSendTimeouts() {
        return sum(SessionStatistics::sendTimeouts);
    }

    @Override
    public Map<Integer, Long> getProtocolErrorsByCode() {
        return merge(SessionStatistics::protocolErrorsByCode);
    }
}
