// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

/** Who closed a session, as its close event and log line say. */
public enum ClosedBy {
    APPLICATION("application"),
    PEER("peer"),
    /** Halyard itself: an idle or keepalive timeout, a protocol error, stuck or timed-out sends, shutdown, undeploy. */
    CONTAINER("container"),
    /** The connection ended or failed without a close handshake. */
    CONNECTION_LOST("connection lost");

    private final String label;

    ClosedBy(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
