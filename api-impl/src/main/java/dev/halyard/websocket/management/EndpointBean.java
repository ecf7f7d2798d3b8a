// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.session.HalyardSession;
import dev.halyard.websocket.session.SessionStatistics;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** The MBean of one deployed endpoint path: its statistics, its open sessions, closing one of them. */
final class EndpointBean extends TrafficBean implements EndpointMXBean {

    private final String path;
    private final String endpointClass;
    private final SessionStatistics statistics;
    private final Supplier<? extends Collection<? extends Session>> sessions;

    EndpointBean(String path, String endpointClass, SessionStatistics statistics, Supplier<? extends Collection<? extends Session>> sessions) {
        this.path = path;
        this.endpointClass = endpointClass;
        this.statistics = statistics;
        this.sessions = sessions;
    }

    @Override
    Collection<SessionStatistics> statistics() {
        return List.of(statistics);
    }

    @Override
    Collection<? extends Session> sessions() {
        return sessions.get();
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public String getEndpointClass() {
        return endpointClass;
    }

    @Override
    public List<SessionInfo> listSessions() {
        List<SessionInfo> list = new ArrayList<>();
        for (Session session : sessions()) {
            if (session instanceof HalyardSession halyard) {
                list.add(SessionInfo.of(halyard.snapshot()));
            }
        }
        return list;
    }

    @Override
    public void closeSession(String id, int code, String reason) {
        if (!CloseStatus.isValidOnWire(code)) {
            throw new IllegalArgumentException("Close code " + code + " may not be sent in a close frame (RFC 6455 §7.4): "
                    + "use 1000-1003, 1007-1014 or 3000-4999");
        }
        String phrase = reason == null ? "" : reason;
        int reasonBytes = phrase.getBytes(StandardCharsets.UTF_8).length;
        if (reasonBytes > CloseStatus.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("A close reason of " + reasonBytes + " bytes exceeds the " + CloseStatus.MAX_REASON_BYTES
                    + " bytes a close frame leaves for it (RFC 6455 §5.5)");
        }
        for (Session session : sessions()) {
            if (session.getId().equals(id)) {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), phrase));
                } catch (IOException e) {
                    throw new UncheckedIOException("Closing session " + id + " failed: " + e.getMessage(), e);
                }
                return;
            }
        }
        throw new IllegalArgumentException("No open session " + id + " at endpoint " + path);
    }
}
