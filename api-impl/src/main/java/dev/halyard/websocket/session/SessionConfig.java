// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

/**
 * Settings a container gives each new session; see {@link SessionDefaults} for their meaning.
 */
public record SessionConfig(
        int maxTextMessageBytes,
        int maxBinaryMessageBytes,
        long maxIdleTimeoutMillis,
        long asyncSendTimeoutMillis,
        long blockingSendTimeoutMillis,
        long maxSendBacklogBytes,
        long closeHandshakeTimeoutMillis,
        long keepAliveIntervalMillis,
        long keepAliveTimeoutMillis) {

    public static SessionConfig defaults() {
        return new SessionConfig(SessionDefaults.MAX_TEXT_MESSAGE_BYTES, SessionDefaults.MAX_BINARY_MESSAGE_BYTES,
                SessionDefaults.MAX_IDLE_TIMEOUT_MILLIS, SessionDefaults.ASYNC_SEND_TIMEOUT_MILLIS,
                SessionDefaults.BLOCKING_SEND_TIMEOUT_MILLIS, SessionDefaults.MAX_SEND_BACKLOG_BYTES,
                SessionDefaults.CLOSE_HANDSHAKE_TIMEOUT_MILLIS, SessionDefaults.KEEP_ALIVE_INTERVAL_MILLIS,
                SessionDefaults.KEEP_ALIVE_TIMEOUT_MILLIS);
    }

    public SessionConfig {
        if (maxTextMessageBytes < 0 || maxBinaryMessageBytes < 0) {
            throw new IllegalArgumentException("Message buffer sizes must not be negative, got text "
                    + maxTextMessageBytes + " and binary " + maxBinaryMessageBytes);
        }
        if (blockingSendTimeoutMillis <= 0) {
            throw new IllegalArgumentException("The blocking send timeout must be positive, got " + blockingSendTimeoutMillis);
        }
        if (keepAliveIntervalMillis > 0 && keepAliveTimeoutMillis <= 0) {
            throw new IllegalArgumentException("With a keepalive interval, the keepalive timeout must be positive, got "
                    + keepAliveTimeoutMillis);
        }
        if (maxSendBacklogBytes <= 0) {
            throw new IllegalArgumentException("The send backlog limit must be positive, got " + maxSendBacklogBytes);
        }
    }

    public SessionConfig withMaxIdleTimeoutMillis(long millis) {
        return new SessionConfig(maxTextMessageBytes, maxBinaryMessageBytes, millis, asyncSendTimeoutMillis,
                blockingSendTimeoutMillis, maxSendBacklogBytes, closeHandshakeTimeoutMillis, keepAliveIntervalMillis,
                keepAliveTimeoutMillis);
    }

    public SessionConfig withMessageLimits(int text, int binary) {
        return new SessionConfig(text, binary, maxIdleTimeoutMillis, asyncSendTimeoutMillis,
                blockingSendTimeoutMillis, maxSendBacklogBytes, closeHandshakeTimeoutMillis, keepAliveIntervalMillis,
                keepAliveTimeoutMillis);
    }

    public SessionConfig withSendTimeouts(long asyncMillis, long blockingMillis) {
        return new SessionConfig(maxTextMessageBytes, maxBinaryMessageBytes, maxIdleTimeoutMillis, asyncMillis,
                blockingMillis, maxSendBacklogBytes, closeHandshakeTimeoutMillis, keepAliveIntervalMillis, keepAliveTimeoutMillis);
    }

    public SessionConfig withKeepAlive(long intervalMillis, long timeoutMillis) {
        return new SessionConfig(maxTextMessageBytes, maxBinaryMessageBytes, maxIdleTimeoutMillis, asyncSendTimeoutMillis,
                blockingSendTimeoutMillis, maxSendBacklogBytes, closeHandshakeTimeoutMillis, intervalMillis, timeoutMillis);
    }

    public SessionConfig withMaxSendBacklogBytes(long bytes) {
        return new SessionConfig(maxTextMessageBytes, maxBinaryMessageBytes, maxIdleTimeoutMillis, asyncSendTimeoutMillis,
                blockingSendTimeoutMillis, bytes, closeHandshakeTimeoutMillis, keepAliveIntervalMillis,
                keepAliveTimeoutMillis);
    }
}
