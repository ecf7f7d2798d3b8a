// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;

/**
 * Whether an event type is on in some recording, asked before an event's fields are computed. In a
 * JVM where Flight Recorder has never started the answer costs one volatile read, and nothing of
 * JFR is initialised; once it has started, a read of the cached {@link EventType}'s setting.
 */
final class EventSwitch {

    private final Class<? extends Event> type;
    /** Looked up once JFR runs: the lookup registers the type, which needs JFR's metadata. */
    private volatile EventType eventType;

    EventSwitch(Class<? extends Event> type) {
        this.type = type;
    }

    boolean isOn() {
        if (!FlightRecorder.isInitialized()) {
            return false; // no recording has ever started in this JVM
        }
        EventType known = eventType;
        if (known == null) {
            eventType = known = EventType.getEventType(type);
        }
        return known.isEnabled();
    }
}
