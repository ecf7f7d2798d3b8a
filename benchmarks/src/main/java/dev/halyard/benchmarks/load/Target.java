// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

/**
 * The four servers compared: each container with its own WebSocket and with Halyard. Each names
 * the directory of jars Maven assembles for it (target/servers-ID/lib) and the initializer that
 * installs its WebSocket.
 */
public enum Target {
    TOMCAT_NATIVE("Tomcat 11", "native", "tomcat-native", "tomcat", "org.apache.tomcat.websocket.server.WsSci"),
    TOMCAT_HALYARD("Tomcat 11", "Halyard", "tomcat-halyard", "tomcat", Target.HALYARD),
    JETTY_NATIVE("Jetty 12.1", "native", "jetty-native", "jetty",
            "org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer"),
    JETTY_HALYARD("Jetty 12.1", "Halyard", "jetty-halyard", "jetty", Target.HALYARD);

    private static final String HALYARD = "dev.halyard.websocket.servlet.HalyardServletContainerInitializer";

    private final String container;
    private final String webSocket;
    private final String id;
    private final String host;
    private final String initializer;

    Target(String container, String webSocket, String id, String host, String initializer) {
        this.container = container;
        this.webSocket = webSocket;
        this.id = id;
        this.host = host;
        this.initializer = initializer;
    }

    public String id() {
        return id;
    }

    public String label() {
        return container + " " + webSocket;
    }

    String container() {
        return container;
    }

    String host() {
        return host;
    }

    String initializer() {
        return initializer;
    }

    public boolean halyard() {
        return webSocket.equals("Halyard");
    }

    /** The same container with its own WebSocket: what a Halyard figure is divided by. */
    public Target baseline() {
        return switch (this) {
            case TOMCAT_HALYARD -> TOMCAT_NATIVE;
            case JETTY_HALYARD -> JETTY_NATIVE;
            default -> this;
        };
    }

    static Target byId(String id) {
        for (Target target : values()) {
            if (target.id.equals(id)) {
                return target;
            }
        }
        throw new IllegalArgumentException("Unknown target " + id + "; the targets are tomcat-native, tomcat-halyard, "
                + "jetty-native and jetty-halyard");
    }
}
