// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

import dev.halyard.websocket.session.SessionStatistics;
import jakarta.websocket.Session;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.management.ObjectName;

/**
 * What an operator sees of one client container: the statistics its connections count into, and
 * its MBean, {@code dev.halyard.websocket:type=ClientContainer,id=N}.
 *
 * <p>Applications seldom close a client container ({@code ContainerProvider} hands out containers
 * with no way to give them back), so the MBean is not tied to the container's life, which would
 * keep every such container, and its application's class loader, in the MBean server for good.
 * It is tied to its connections instead: the container registers it as its selector thread starts
 * (the first connection) and unregisters it as that thread ends (a while after the last one, or at
 * {@code close()}).
 */
public final class ClientManagement {

    private final int id;
    private final SessionStatistics statistics = new SessionStatistics();
    private final Supplier<? extends Collection<? extends Session>> openSessions;
    /** Guarded by this; null while not registered. */
    private ObjectName registered;

    /** @param openSessions the container's open sessions, read when asked */
    public ClientManagement(int id, Supplier<? extends Collection<? extends Session>> openSessions) {
        this.id = id;
        this.openSessions = openSessions;
    }

    /** What the container's connections count into. */
    public SessionStatistics statistics() {
        return statistics;
    }

    public synchronized void register() {
        if (registered == null) {
            registered = PlatformMBeans.register(new Bean(), "type=ClientContainer,id=" + id);
        }
    }

    public synchronized void unregister() {
        if (registered != null) {
            PlatformMBeans.unregister(registered);
            registered = null;
        }
    }

    private final class Bean extends TrafficBean implements ClientContainerMXBean {

        @Override
        Collection<SessionStatistics> statistics() {
            return List.of(statistics);
        }

        @Override
        Collection<? extends Session> sessions() {
            return openSessions.get();
        }

        @Override
        public int getId() {
            return id;
        }
    }
}
