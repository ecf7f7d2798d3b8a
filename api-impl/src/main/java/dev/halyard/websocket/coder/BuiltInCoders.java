// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.coder;

import jakarta.websocket.DecodeException;
import java.util.Map;

/**
 * What every container decodes without being given a decoder: Java primitives and their boxes
 * from a text message, built as their one-String-argument constructors would (Jakarta WebSocket
 * 2.2 §4.7).
 */
public final class BuiltInCoders {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class, char.class, Character.class,
            int.class, Integer.class, long.class, Long.class, float.class, Float.class, double.class, Double.class);

    private BuiltInCoders() {
    }

    /** The box of a primitive type, or the type itself. */
    public static Class<?> boxed(Class<?> type) {
        return BOXES.getOrDefault(type, type);
    }

    /** Whether a Java primitive or box, decodable from text. */
    public static boolean isPrimitiveOrBox(Class<?> type) {
        return BOXES.containsKey(type) || BOXES.containsValue(type);
    }

    /** Parses {@code text} as {@code type} (a primitive or box). */
    public static Object parse(String text, Class<?> type) throws DecodeException {
        Class<?> box = boxed(type);
        try {
            if (box == Boolean.class) {
                return Boolean.valueOf(text); // like new Boolean(String): anything but "true" is false
            }
            if (box == Character.class) {
                // The first character (COMPATIBILITY.md C4).
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("a char needs a character, and the message is empty");
                }
                return text.charAt(0);
            }
            if (box == Byte.class) {
                return Byte.valueOf(text);
            }
            if (box == Short.class) {
                return Short.valueOf(text);
            }
            if (box == Integer.class) {
                return Integer.valueOf(text);
            }
            if (box == Long.class) {
                return Long.valueOf(text);
            }
            if (box == Float.class) {
                return Float.valueOf(text);
            }
            return Double.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(text, "Cannot convert \"" + abbreviate(text) + "\" to " + type.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
