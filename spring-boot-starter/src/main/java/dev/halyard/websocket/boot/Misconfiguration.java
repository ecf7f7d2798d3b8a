// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import org.springframework.util.ClassUtils;

/**
 * The class-path mistakes that would make Halyard deploy and then fail quietly, refused as the
 * application starts with what to change in its build.
 */
final class Misconfiguration {

    private Misconfiguration() {
    }

    static void refuseIfPresent(ClassLoader classLoader, String className, String what, String advice) {
        if (ClassUtils.isPresent(className, classLoader)) {
            throw new IllegalStateException(what + " is on the class path beside Halyard; both would serve the application's "
                    + "WebSocket endpoints. To use Halyard, " + advice + " (README, \"Spring Boot\")");
        }
    }

    static void requirePresent(ClassLoader classLoader, String className, String message) {
        if (!ClassUtils.isPresent(className, classLoader)) {
            throw new IllegalStateException(message);
        }
    }
}
