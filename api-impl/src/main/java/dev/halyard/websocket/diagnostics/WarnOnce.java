// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.diagnostics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A warning for a cause that could repeat with every message or session (an application's handler
 * that always throws, a container limit reached again and again): logged at WARNING the first time
 * for each key, then at DEBUG. The key names the cause, such as the class that failed. At most
 * {@value #MAX_KEYS} keys are remembered; past them every occurrence goes to DEBUG, so that keys
 * made from hostile input cannot fill the log or the memory.
 */
public final class WarnOnce {

    static final int MAX_KEYS = 256;

    private final System.Logger log;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public WarnOnce(System.Logger log) {
        this.log = log;
    }

    /**
     * Logs {@code message} at WARNING the first time {@code key} comes, with a note that repeats go
     * to DEBUG; at DEBUG afterwards.
     */
    public void log(String key, String message, Throwable error) {
        if (warned.size() < MAX_KEYS && warned.add(key)) {
            log.log(System.Logger.Level.WARNING, message + " (logged once at WARNING; repeats at DEBUG)", error);
        } else if (log.isLoggable(System.Logger.Level.DEBUG)) {
            log.log(System.Logger.Level.DEBUG, message, error);
        }
    }
}
