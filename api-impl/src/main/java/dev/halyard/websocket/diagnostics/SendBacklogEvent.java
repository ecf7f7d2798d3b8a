// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import jakarta.websocket.Session;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A session's asynchronous messages waiting unsent rose past {@link #THRESHOLD_BYTES}: its peer
 * reads more slowly than the application sends. Recorded as the backlog crosses the threshold, not
 * for every send while it stays above, so that a slow peer costs one event per episode.
 */
@Name("dev.halyard.websocket.SendBacklog")
@Label("WebSocket Send Backlog")
@Description("A session's asynchronous messages waiting unsent rose past 256 KiB")
public final class SendBacklogEvent extends SessionEvent {

    /** Backlogs below this are ordinary bursts. */
    public static final long THRESHOLD_BYTES = 256 * 1024;

    private static final EventSwitch SWITCH = new EventSwitch(SendBacklogEvent.class);

    @Label("Bytes Waiting")
    @Description("Bytes of accepted asynchronous messages not yet written, the new one included")
    @DataAmount
    long bytesWaiting;

    @Label("Session Limit")
    @Description("The most the session may leave waiting (halyard.maxSendBacklog); past it sends fail at once")
    @DataAmount
    long limit;

    /** Whether the event is on: asked before the backlog is looked up. */
    static boolean isOn() {
        return SWITCH.isOn();
    }

    /**
     * Records the backlog after a send of {@code sentBytes} was accepted, if that send took it past
     * the threshold.
     */
    static void emitIfCrossed(Session session, long bytesWaiting, long sentBytes, long limit) {
        if (bytesWaiting < THRESHOLD_BYTES || bytesWaiting - sentBytes >= THRESHOLD_BYTES) {
            return;
        }
        SendBacklogEvent event = new SendBacklogEvent();
        if (event.shouldCommit()) {
            event.of(session);
            event.bytesWaiting = bytesWaiting;
            event.limit = limit;
            event.commit();
        }
    }
}
