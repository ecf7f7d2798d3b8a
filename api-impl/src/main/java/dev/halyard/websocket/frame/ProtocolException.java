// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

/**
 * The peer broke a rule, so the connection must be failed (RFC 6455 §7.1.7) with
 * {@link #closeCode()} and a reason that names the rule. Thrown by the parser and by anything
 * in the inbound chain (UTF-8 validation, extensions, message assembly).
 */
public final class ProtocolException extends Exception {

    private final int closeCode;

    public ProtocolException(int closeCode, String reason) {
        super(reason);
        this.closeCode = closeCode;
    }

    /** The close code to send: 1002, 1007, 1009 and so on. */
    public int closeCode() {
        return closeCode;
    }

    /**
     * The reason cut to fit a close frame (123 bytes of UTF-8); the full text stays in
     * {@link #getMessage()} for logs.
     */
    public String closeReason() {
        return FrameHeader.truncateUtf8(getMessage(), CloseStatus.MAX_REASON_BYTES);
    }
}
