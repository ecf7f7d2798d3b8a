// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

/**
 * Where one parameter of an annotated method gets its value at each call, decided at deployment.
 */
record Argument(Source source, String pathParameter, Class<?> type) {

    enum Source {
        SESSION, ENDPOINT_CONFIG, CLOSE_REASON, THROWABLE, PATH_PARAMETER, PAYLOAD, LAST_PART
    }

    static Argument of(Source source, Class<?> type) {
        return new Argument(source, null, type);
    }
}
