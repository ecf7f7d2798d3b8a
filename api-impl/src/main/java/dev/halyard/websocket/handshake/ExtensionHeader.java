// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.handshake;

import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sec-WebSocket-Extensions header (RFC 6455 §9.1): a list of extensions, each a token with
 * optional {@code name=value} or bare-name parameters, values possibly quoted.
 */
public final class ExtensionHeader {

    private ExtensionHeader() {
    }

    /** An extension as offered or agreed. */
    public record Offer(String name, List<Extension.Parameter> parameters) implements Extension {

        public Offer {
            parameters = List.copyOf(parameters);
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public List<Parameter> getParameters() {
            return parameters;
        }
    }

    /** One parameter of an offer; a bare name has a null value. */
    public record Param(String name, String value) implements Extension.Parameter {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getValue() {
            return value;
        }
    }

    /**
     * Parses every value of the header.
     *
     * @throws IllegalArgumentException naming the value when it is not an extension list
     */
    public static List<Extension> parse(List<String> values) {
        List<Extension> extensions = new ArrayList<>();
        if (values == null) {
            return extensions;
        }
        for (String value : values) {
            for (String item : split(value, ',')) {
                if (item.isBlank()) {
                    continue;
                }
                List<String> parts = split(item, ';');
                String name = parts.get(0).trim();
                if (!isToken(name)) {
                    throw new IllegalArgumentException("Malformed Sec-WebSocket-Extensions value \"" + value
                            + "\": \"" + name + "\" is not an extension name");
                }
                List<Extension.Parameter> parameters = new ArrayList<>();
                for (String part : parts.subList(1, parts.size())) {
                    int equals = part.indexOf('=');
                    String parameterName = (equals < 0 ? part : part.substring(0, equals)).trim();
                    String parameterValue = equals < 0 ? null : unquote(part.substring(equals + 1).trim());
                    if (!isToken(parameterName)) {
                        throw new IllegalArgumentException("Malformed Sec-WebSocket-Extensions value \"" + value
                                + "\": \"" + parameterName + "\" is not a parameter name");
                    }
                    parameters.add(new Param(parameterName, parameterValue));
                }
                extensions.add(new Offer(name, parameters));
            }
        }
        return extensions;
    }

    /** The header value for {@code extensions}, or null when there are none. */
    public static String format(List<Extension> extensions) {
        if (extensions == null || extensions.isEmpty()) {
            return null;
        }
        StringBuilder header = new StringBuilder();
        for (Extension extension : extensions) {
            if (header.length() > 0) {
                header.append(", ");
            }
            header.append(extension.getName());
            for (Extension.Parameter parameter : extension.getParameters()) {
                header.append("; ").append(parameter.getName());
                if (parameter.getValue() != null) {
                    header.append('=').append(isToken(parameter.getValue()) ? parameter.getValue()
                            : '"' + parameter.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + '"');
                }
            }
        }
        return header.toString();
    }

    /** Splits on {@code separator} outside quoted strings. */
    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    /** An RFC 9110 token. */
    static boolean isToken(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

}
