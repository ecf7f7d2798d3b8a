// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Comma-separated header values as token lists (RFC 9110 §5.6.1), compared case-insensitively. */
public final class HeaderTokens {

    private HeaderTokens() {
    }

    /** Every non-empty token of every value, trimmed, in order. */
    public static List<String> tokens(List<String> values) {
        List<String> tokens = new ArrayList<>();
        if (values == null) {
            return tokens;
        }
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String token : value.split(",")) {
                String trimmed = token.trim();
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed);
                }
            }
        }
        return tokens;
    }

    /** Whether the values hold {@code token}, ignoring case. */
    public static boolean contains(List<String> values, String token) {
        String wanted = token.toLowerCase(Locale.ROOT);
        return tokens(values).stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
