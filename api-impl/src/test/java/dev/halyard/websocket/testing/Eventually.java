// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * How these tests wait: with Awaitility, for at most 10 s, checking at once and then every 10 ms,
 * so that a wait costs little more than what it waits for (Awaitility's own default waits 100 ms
 * before its first look). A test that must show something did not happen waits instead for a later
 * event that could only come after it; only where there is none does it watch a while with
 * {@code during}. Conditions are checked on the waiting thread, so a wait starts no thread of
 * its own (a test counting threads would see Awaitility's).
 */
public final class Eventually {

    private Eventually() {
    }

    public static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .pollInSameThread();
    }
}
