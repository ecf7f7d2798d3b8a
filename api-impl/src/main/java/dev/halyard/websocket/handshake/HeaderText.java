// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.handshake;

/**
 * Text from the other side of a handshake (a path, an origin, a header value, a status reason) made
 * safe to put in an exception message or a log line: control characters escaped, so it cannot
 * forge a line, and long values cut with their length stated.
 */
public final class HeaderText {

    /** How much of one value a message quotes. */
    public static final int MAX_QUOTED = 200;

    private HeaderText() {
    }

    /** {@code text} with control characters as backslash-u escapes, cut at {@link #MAX_QUOTED} characters. */
    public static String printable(String text) {
        return printable(text, MAX_QUOTED);
    }

    /** As above, cut at {@code max} characters; "null" for null. */
    public static String printable(String text, int max) {
        if (text == null) {
            return "null";
        }
        int limit = Math.min(text.length(), max);
        StringBuilder out = null;
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || (Character.isSurrogate(c) && !isPair(text, i))) {
                if (out == null) {
                    out = new StringBuilder(limit + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        if (out == null) {
            if (text.length() <= max) {
                return text;
            }
            out = new StringBuilder(text.substring(0, limit));
        }
        if (text.length() > limit) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }

    /** Whether the text holds a control character (C0, DEL or C1). */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPair(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
