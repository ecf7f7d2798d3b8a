// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.management;

import dev.halyard.websocket.session.SessionStatistics;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.management.ObjectName;

/**
 * What an operator sees of one server container (one web application): the statistics of each
 * endpoint path, which the container hands down to the connections it opens, and the MBeans that
 * show them, on the platform MBean server from {@link #register} (the application has started)
 * to {@link #unregister} (it stops). The counting goes on whether or not the MBeans are registered.
 *
 * <p>Names: {@code dev.halyard.websocket:type=ServerContainer,context="/app"} and, per deployed
 * path, {@code type=Endpoint,context="/app",path="/echo"}. When another application of the JVM
 * already has the context path (two servers in one test, say), {@code instance=2} and so on follow
 * the context, in both names.
 */
public final class ServerManagement {

    private final Supplier<Map<Integer, Long>> refusedHandshakes;
    private final Supplier<? extends Collection<? extends Session>> openSessions;
    /** By path, also for endpoints that are not deployed ({@code upgradeHttpToWebSocket}): they count in the container's sums. */
    private final Map<String, SessionStatistics> statisticsByPath = new ConcurrentHashMap<>();

    // Guarded by this.
    private final Map<String, EndpointBean> endpoints = new TreeMap<>();
    private final List<ObjectName> registered = new ArrayList<>();
    /** The context and instance keys of the names, while registered; null otherwise. */
    private String contextKeys;
    private String context;

    /**
     * @param refusedHandshakes the container's refused handshakes by HTTP status
     * @param openSessions every open session of the container
     */
    public ServerManagement(Supplier<Map<Integer, Long>> refusedHandshakes, Supplier<? extends Collection<? extends Session>> openSessions) {
        this.refusedHandshakes = refusedHandshakes;
        this.openSessions = openSessions;
    }

    /** The statistics the sessions of the endpoint at {@code path} count into. */
    public SessionStatistics statistics(String path) {
        return statisticsByPath.computeIfAbsent(path, p -> new SessionStatistics());
    }

    /**
     * An endpoint is deployed at {@code path}; while registered, its MBean is registered at once.
     *
     * @param sessions its open sessions, read when asked
     */
    public synchronized void endpointDeployed(String path, String endpointClass, Supplier<? extends Collection<? extends Session>> sessions) {
        EndpointBean bean = new EndpointBean(path, endpointClass, statistics(path), sessions);
        endpoints.put(path, bean);
        if (contextKeys != null) {
            registerEndpoint(bean);
        }
    }

    /** Registers the container's MBean and its endpoints' for the application at {@code contextPath} ("" for the root). */
    public synchronized void register(String contextPath) {
        if (contextKeys != null) {
            return;
        }
        context = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        String keys = "context=" + PlatformMBeans.quote(context);
        ContainerBean bean = new ContainerBean();
        for (int instance = 1; contextKeys == null; instance++) {
            String candidate = instance == 1 ? keys : keys + ",instance=" + instance;
            try {
                ObjectName name = PlatformMBeans.registerUnlessTaken(bean, "type=ServerContainer," + candidate);
                if (name == null) {
                    return; // failed, and logged
                }
                registered.add(name);
                contextKeys = candidate;
            } catch (javax.management.InstanceAlreadyExistsException e) {
                // another application of this JVM has the context path: try the next instance
            }
        }
        endpoints.values().forEach(this::registerEndpoint);
    }

    private void registerEndpoint(EndpointBean bean) {
        ObjectName name = PlatformMBeans.register(bean, "type=Endpoint," + contextKeys + ",path=" + PlatformMBeans.quote(bean.getPath()));
        if (name != null) {
            registered.add(name);
        }
    }

    /** Unregisters every MBean of this container; for the application's stop. */
    public synchronized void unregister() {
        registered.forEach(PlatformMBeans::unregister);
        registered.clear();
        contextKeys = null;
    }

    /** The container's MBean: sums over every endpoint path. */
    private final class ContainerBean extends TrafficBean implements ServerContainerMXBean {

        @Override
        Collection<SessionStatistics> statistics() {
            return statisticsByPath.values();
        }

        @Override
        Collection<? extends Session> sessions() {
            return openSessions.get();
        }

        @Override
        public String getContext() {
            synchronized (ServerManagement.this) {
                return context;
            }
        }

        @Override
        public List<String> getEndpointPaths() {
            synchronized (ServerManagement.this) {
                return List.copyOf(endpoints.keySet());
            }
        }

        @Override
        public Map<Integer, Long> getRefusedHandshakes() {
            return refusedHandshakes.get();
        }
    }
}
