// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.testing.LogCapture;
import jakarta.websocket.CloseReason;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A session's state in one line, as its log lines show it. */
class SessionStateTest {

    @Test
    void anOpenSessionTellsItsPathStateIdleTimeConnectionParserAndQueueButNotItsQuery() {
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting());
        eventually().untilAsserted(() -> assertThat(pair.server.toString()).contains("read loop awaiting input"));
        assertThat(pair.server.toString())
                .startsWith("HalyardSession[" + pair.server.getId() + ", /chat/room1, OPEN, idle ")
                .contains(" ms (no idle timeout), KeepAlive[interval=30000 ms, timeout=30000 ms, no ping out], WebSocketConnection[open, "
                        + "read loop awaiting input, FrameParser[SERVER, HEADER], SendQueue[0 control, 0 data queued, backlog 0 of "
                        + "1048576 bytes], ")
                .doesNotContain("user=ann");
    }

    @Test
    void aClosedSessionSaysItHasEndedAndItsConnectionIsClosed() throws Exception {
        SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting());
        pair.client.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        eventually().untilAsserted(() -> assertThat(pair.server.toString())
                .contains(", /chat/room1, CLOSED, ended, idle ")
                .contains("WebSocketConnection[closed, FrameParser[SERVER, CLOSED], ")
                .contains("close queued"));
        eventually().untilAsserted(() -> assertThat(pair.client.toString()).contains(", /chat/room1, CLOSED, close called, ended, "));
    }

    @Test
    void openingAndClosingAreLoggedAtDebugWithWhoClosedAndTheSessionsState() throws Exception {
        try (LogCapture log = LogCapture.of(HalyardSession.class.getName())) {
            SessionPair pair = SessionPair.open(RecordingEndpoint.collecting(), RecordingEndpoint.collecting());
            pair.client.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
            String server = "HalyardSession[" + pair.server.getId() + ", /chat/room1, ";
            eventually().untilAsserted(() -> assertThat(log.at(Level.FINE))
                    .anySatisfy(line -> assertThat(line).startsWith("Closed by peer, 1000 done: " + server + "CLOSED, ended")));
            assertThat(log.at(Level.FINE)).anySatisfy(line -> assertThat(line).startsWith("Opened " + server + "OPEN"))
                    .anySatisfy(line -> assertThat(line).startsWith("Closed by application, 1000 done: HalyardSession["
                            + pair.client.getId()));
            assertThat(log.records()).allSatisfy(record -> assertThat(record.getLevel()).isEqualTo(Level.FINE));
        }
    }
}
