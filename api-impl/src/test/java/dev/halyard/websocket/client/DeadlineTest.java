// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A step's deadline: the timeout that ends first, said with the step it cut short. */
class DeadlineTest {

    private final Deadline whole = Deadline.in(60_000, ClientSettings.CONNECT_TO_SERVER_TIMEOUT,
            "connecting, with redirects and authentication");

    @Test
    void aStepsOwnTimeoutEndingFirstIsTheOneItsMessageCites() {
        Deadline step = Deadline.in(300, ClientSettings.HANDSHAKE_TIMEOUT, "opening the WebSocket connection").earliest(whole)
                .doing("waiting for the handshake response");
        assertThat(step.timedOut()).isEqualTo("Timed out after 300 ms (" + ClientSettings.HANDSHAKE_TIMEOUT
                + ") waiting for the handshake response");
    }

    @Test
    void theWholeConnectsTimeoutEndingFirstKeepsTheStepItCutShort() {
        Deadline step = Deadline.in(600_000, ClientSettings.HANDSHAKE_TIMEOUT, "sending the handshake request").earliest(whole);
        assertThat(step.timedOut()).isEqualTo("Timed out after 60000 ms (" + ClientSettings.CONNECT_TO_SERVER_TIMEOUT
                + ") sending the handshake request");
        assertThat(step.atNanos()).isEqualTo(whole.atNanos());
    }
}
