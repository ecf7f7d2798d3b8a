// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import jakarta.websocket.Session;
import jdk.jfr.FlightRecorder;

/**
 * Where Halyard records its JDK Flight Recorder events; README, "Flight Recorder events", lists
 * them. Each method first asks whether Flight Recorder has started in this JVM: until it has, no
 * event class is even initialised (initialising one sets up JFR's metadata, some 200 ms and a
 * few megabytes, in a JVM that may never record), and a call costs one volatile read. Once it
 * has, each event type's own setting is read before any field is computed, so a disabled event
 * allocates nothing.
 */
public final class FlightEvents {

    /** What became of a blocking send. */
    public static final String SEND_WRITTEN = "written";
    public static final String SEND_TIMED_OUT = "timed out";
    public static final String SEND_FAILED = "failed";

    private FlightEvents() {
    }

    /** Starts timing an opening handshake; null when the event is off, which {@link #handshakeDecided} accepts. */
    public static HandshakeEvent handshakeStarted() {
        return FlightRecorder.isInitialized() ? HandshakeEvent.start() : null;
    }

    /**
     * Records the handshake {@link #handshakeStarted} began.
     *
     * @param client whether Halyard was the client
     * @param status 101, the refusal's status, or 0 when a client got no answer
     * @param endpoint the endpoint class, or null when none is deployed at the path
     * @param reason why it was refused; null when accepted
     */
    public static void handshakeDecided(HandshakeEvent event, boolean client, String path, int status, Class<?> endpoint,
            String reason) {
        if (event != null) {
            HandshakeEvent.finish(event, client, path, status, endpoint, reason);
        }
    }

    public static void sessionOpened(Session session) {
        if (FlightRecorder.isInitialized()) {
            SessionOpenEvent.emit(session);
        }
    }

    /**
     * @param code and {@code reason}: what the endpoint's onClose is told
     * @param openedNanos {@link System#nanoTime()} when the session opened
     */
    public static void sessionClosed(Session session, int code, String reason, ClosedBy closedBy, long openedNanos) {
        if (FlightRecorder.isInitialized()) {
            SessionCloseEvent.emit(session, code, reason, closedBy, openedNanos);
        }
    }

    public static void protocolError(Session session, int code, String reason) {
        if (FlightRecorder.isInitialized()) {
            ProtocolErrorEvent.emit(session, code, reason);
        }
    }

    /** Starts timing a blocking send's wait; null when the event is off, which {@link #blockingSendEnded} accepts. */
    public static SlowSendEvent blockingSendStarted() {
        return FlightRecorder.isInitialized() ? SlowSendEvent.start() : null;
    }

    /** @param outcome {@link #SEND_WRITTEN}, {@link #SEND_TIMED_OUT} or {@link #SEND_FAILED} */
    public static void blockingSendEnded(SlowSendEvent event, Session session, String outcome) {
        if (event != null) {
            SlowSendEvent.finish(event, session, outcome);
        }
    }

    /** Whether the backlog event is on: asked before the backlog is looked up. */
    public static boolean backlogWatched() {
        return FlightRecorder.isInitialized() && SendBacklogEvent.isOn();
    }

    /**
     * After an asynchronous send of {@code sentBytes} was accepted: records the session's backlog
     * if that send took it past {@link SendBacklogEvent#THRESHOLD_BYTES}.
     *
     * @param limit the most the session may leave waiting
     */
    public static void backlogGrew(Session session, long bytesWaiting, long sentBytes, long limit) {
        if (FlightRecorder.isInitialized()) {
            SendBacklogEvent.emitIfCrossed(session, bytesWaiting, sentBytes, limit);
        }
    }
}
