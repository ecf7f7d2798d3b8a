// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Close status codes (RFC 6455 §7.4) and the rules for which of them may travel in a close frame.
 * The names follow {@code jakarta.websocket.CloseReason.CloseCodes}; this package does not
 * depend on Jakarta, so the numbers are repeated here.
 */
public final class CloseStatus {

    public static final int NORMAL_CLOSURE = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int CANNOT_ACCEPT = 1003;
    /** Reserved: "no status code was present". Never on the wire. */
    public static final int NO_STATUS_CODE = 1005;
    /** Reserved: "closed without a close frame". Never on the wire. */
    public static final int CLOSED_ABNORMALLY = 1006;
    public static final int NOT_CONSISTENT = 1007;
    public static final int VIOLATED_POLICY = 1008;
    public static final int TOO_BIG = 1009;
    public static final int NO_EXTENSION = 1010;
    public static final int UNEXPECTED_CONDITION = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int BAD_GATEWAY = 1014;
    /** Reserved: "TLS handshake failed". Never on the wire. */
    public static final int TLS_HANDSHAKE_FAILURE = 1015;

    /** A close frame carries at most 125 payload bytes, two of which are the code (RFC 6455 §5.5.1). */
    public static final int MAX_REASON_BYTES = FrameHeader.MAX_CONTROL_PAYLOAD - 2;

    private CloseStatus() {
    }

    /**
     * Whether a close frame may carry this code (RFC 6455 §7.4.1 and §7.4.2): the codes 1000-1003
     * and 1007-1014 that are defined or registered with IANA, and the 3000-4999 ranges for
     * libraries and applications. 0-999, 1004, 1005, 1006, 1015, the unassigned 1016-2999
     * and 5000 up may not.
     */
    public static boolean isValidOnWire(int code) {
        return (code >= NORMAL_CLOSURE && code <= CANNOT_ACCEPT)
                || (code >= NOT_CONSISTENT && code <= BAD_GATEWAY)
                || (code >= 3000 && code <= 4999);
    }

    /**
     * The status code in a close frame's payload, or {@link #NO_STATUS_CODE} for an empty one
     * (RFC 6455 §7.1.5). Reads from the payload's position without moving it.
     */
    public static int codeOf(ByteBuffer closePayload) {
        if (closePayload.remaining() < 2) {
            return NO_STATUS_CODE;
        }
        return FrameHeader.getUnsignedShort(closePayload, closePayload.position());
    }

    /** The reason in a close frame's payload (empty when there is none), decoded as UTF-8. */
    public static String reasonOf(ByteBuffer closePayload) {
        int length = closePayload.remaining() - 2;
        if (length <= 0) {
            return "";
        }
        byte[] bytes = new byte[length];
        closePayload.get(closePayload.position() + 2, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Checks a received close frame's payload (RFC 6455 §5.5.1 and §7.4): empty, or a code that may be
     * sent followed by a UTF-8 reason.
     */
    static void checkPayload(ByteBuffer payload) throws ProtocolException {
        int length = payload.remaining();
        if (length == 0) {
            return;
        }
        if (length == 1) {
            throw new ProtocolException(PROTOCOL_ERROR,
                    "CLOSE frame with a 1-byte payload; it must be empty or start with a 2-byte code (RFC 6455 §5.5.1)");
        }
        int code = codeOf(payload);
        if (!isValidOnWire(code)) {
            throw new ProtocolException(PROTOCOL_ERROR, "Close code " + code + " may not be sent in a CLOSE frame (RFC 6455 §7.4)");
        }
        if (!Utf8Validator.isValid(payload, payload.position() + 2, payload.limit())) {
            throw new ProtocolException(NOT_CONSISTENT, "CLOSE frame reason is not valid UTF-8 (RFC 6455 §5.5.1)");
        }
    }
}
