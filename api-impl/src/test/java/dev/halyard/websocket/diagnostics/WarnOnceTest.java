// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.testing.LogCapture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class WarnOnceTest {

    private static final String NAME = "dev.halyard.test.WarnOnceTest";

    @Test
    void eachCauseIsWarnedOfOnceThenLoggedAtDebug() {
        WarnOnce warnings = new WarnOnce(System.getLogger(NAME));
        try (LogCapture log = LogCapture.of(NAME)) {
            for (int i = 0; i < 3; i++) {
                warnings.log("handler A", "A threw " + i, new IllegalStateException());
            }
            warnings.log("handler B", "B threw", null);
            assertThat(log.at(Level.WARNING)).containsExactly("A threw 0 (logged once at WARNING; repeats at DEBUG)",
                    "B threw (logged once at WARNING; repeats at DEBUG)");
            assertThat(log.at(Level.FINE)).containsExactly("A threw 1", "A threw 2");
        }
    }

    @Test
    void pastTheKeysItRemembersEverythingGoesToDebug() {
        WarnOnce warnings = new WarnOnce(System.getLogger(NAME));
        try (LogCapture log = LogCapture.of(NAME)) {
            for (int i = 0; i < WarnOnce.MAX_KEYS + 10; i++) {
                warnings.log("key " + i, "cause " + i, null);
            }
            assertThat(log.at(Level.WARNING)).hasSize(WarnOnce.MAX_KEYS);
            assertThat(log.at(Level.FINE)).hasSize(10);
        }
    }
}
