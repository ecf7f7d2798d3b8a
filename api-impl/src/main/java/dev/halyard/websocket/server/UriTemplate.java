// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import dev.halyard.websocket.handshake.HeaderText;

import jakarta.websocket.DeploymentException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server endpoint path: a relative URI or an RFC 6570 level-1 template whose variables are whole
 * segments (Jakarta WebSocket 2.2 §3.1.1). Segments are what lies between slashes, so
 * {@code /a/b/} has a final empty segment and differs from {@code /a/b}; the root {@code /} is one
 * empty segment.
 */
public final class UriTemplate {

    private final String path;
    /** Literal segments, decoded; null where the segment is a variable. */
    private final String[] literals;
    /** Variable names, null where the segment is a literal. */
    private final String[] variableAt;
    private final List<String> variables;

    private UriTemplate(String path, String[] literals, String[] variableAt, List<String> variables) {
        this.path = path;
        this.literals = literals;
        this.variableAt = variableAt;
        this.variables = List.copyOf(variables);
    }

    /** Parses and checks an endpoint path; the exception names the path, the rule and the place. */
    public static UriTemplate parse(String path) throws DeploymentException {
        if (path == null) {
            throw new DeploymentException("Endpoint path is null: an endpoint path starts with '/' (Jakarta WebSocket 2.2 §3.1.1)");
        }
        if (path.isEmpty()) {
            throw invalid(path, "it is empty; an endpoint path starts with '/'");
        }
        if (path.charAt(0) != '/') {
            throw invalid(path, "it must start with '/'");
        }
        for (String sequence : List.of("//", "/./", "/../")) {
            int at = path.indexOf(sequence);
            if (at >= 0) {
                throw invalid(path, "it contains \"" + sequence + "\" at character " + (at + 1));
            }
        }
        if (path.endsWith("/.") || path.endsWith("/..")) {
            throw invalid(path, "it ends with a dot segment");
        }
        String[] segments = path.substring(1).split("/", -1);
        String[] literals = new String[segments.length];
        String[] variableAt = new String[segments.length];
        List<String> variables = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            checkCharacters(path, segment, i + 1);
            if (segment.indexOf('{') < 0 && segment.indexOf('}') < 0) {
                String decoded = decode(segment);
                if (decoded == null) {
                    throw invalid(path, "segment " + (i + 1) + " \"" + segment + "\" has a malformed percent-encoding");
                }
                // "%2E" is "." (RFC 3986 §6.2.2.2), so these are the dot segments refused above in disguise.
                if (decoded.equals(".") || decoded.equals("..")) {
                    throw invalid(path, "segment " + (i + 1) + " \"" + segment + "\" is a dot segment once decoded "
                            + "(RFC 3986 §6.2.2.2)");
                }
                literals[i] = decoded;
                continue;
            }
            if (segment.length() < 3 || segment.charAt(0) != '{' || segment.indexOf('}') != segment.length() - 1
                    || segment.indexOf('{', 1) >= 0) {
                throw invalid(path, "a template variable must be a whole segment, but segment " + (i + 1) + " is \""
                        + segment + "\"");
            }
            String name = segment.substring(1, segment.length() - 1);
            if (!isVariableName(name)) {
                throw invalid(path, "\"" + name + "\" in segment " + (i + 1) + " is not a variable name (RFC 6570: letters, "
                        + "digits, '_', percent-encoded octets, with single dots between them)");
            }
            Integer first = seen.putIfAbsent(name, i + 1);
            if (first != null) {
                throw invalid(path, "variable {" + name + "} is used more than once, in segments " + first + " and " + (i + 1));
            }
            variableAt[i] = name;
            variables.add(name);
        }
        return new UriTemplate(path, literals, variableAt, variables);
    }

    private static void checkCharacters(String path, String segment, int number) throws DeploymentException {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            // RFC 3986 path characters, plus non-ASCII ones (as in an IRI, RFC 3987), matched decoded;
            // but no Unicode spaces (no-break ones included) and no half of a surrogate pair.
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@%{}".indexOf(c) >= 0
                    || (c >= 0xA0 && !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isSurrogate(c));
            if (Character.isHighSurrogate(c) && i + 1 < segment.length() && Character.isLowSurrogate(segment.charAt(i + 1))) {
                allowed = true;
                i++;
            }
            if (!allowed) {
                throw invalid(path, "segment " + number + " \"" + printable(segment) + "\" contains '" + printable(c)
                        + "', which a URI path may not (RFC 3986 §3.3)");
            }
        }
    }

    /** Control characters and lone surrogates written as backslash-u escapes, so a message stays readable. */
    private static String printable(CharSequence text) {
        StringBuilder printable = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                printable.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                printable.append(String.format("\\u%04x", (int) c));
            } else {
                printable.append(c);
            }
        }
        return printable.toString();
    }

    private static String printable(char c) {
        return printable(String.valueOf(c));
    }

    private static boolean isVariableName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length() || !isHex(name.charAt(i + 1)) || !isHex(name.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static DeploymentException invalid(String path, String why) {
        return new DeploymentException("Endpoint path \"" + printable(path) + "\" is invalid: " + why + " (Jakarta WebSocket 2.2 §3.1.1)");
    }

    /** Percent-decodes a segment as UTF-8; null when the encoding is malformed. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length() || !isHex(segment.charAt(i + 1)) || !isHex(segment.charAt(i + 2))) {
                    return null;
                }
                bytes.write(Integer.parseInt(segment, i + 1, i + 3, 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // Encode a surrogate pair as one code point; a char alone would become '?'.
                int end = Character.isHighSurrogate(c) && i + 1 < segment.length()
                        && Character.isLowSurrogate(segment.charAt(i + 1)) ? i + 2 : i + 1;
                if (end == i + 1 && Character.isSurrogate(c)) {
                    return null;
                }
                bytes.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public String path() {
        return path;
    }

    public List<String> variables() {
        return variables;
    }

    public int segmentCount() {
        return literals.length;
    }

    public boolean isTemplate() {
        return !variables.isEmpty();
    }

    /** The literal at {@code index}, decoded, or null where the segment is a variable. */
    String literal(int index) {
        return literals[index];
    }

    /**
     * Matches already-decoded request segments; returns the path parameters, or null. A variable
     * never matches an empty segment (an empty string is no level-1 expansion), a dot segment, or
     * one holding a slash or a control character: a {@code @PathParam} value is always a plain name.
     */
    Map<String, String> match(String[] decodedSegments) {
        if (decodedSegments.length != literals.length) {
            return null;
        }
        Map<String, String> parameters = variables.isEmpty() ? Map.of() : new LinkedHashMap<>(); // in path order
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] != null) {
                if (!literals[i].equals(decodedSegments[i])) {
                    return null;
                }
            } else if (!isVariableValue(decodedSegments[i])) {
                return null;
            } else {
                parameters.put(variableAt[i], decodedSegments[i]);
            }
        }
        return parameters;
    }

    private static boolean isVariableValue(String segment) {
        return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..") && segment.indexOf('/') < 0
                && !HeaderText.hasControlCharacter(segment);
    }

    /** Matches a raw request path; null when it does not match or is malformed. */
    public Map<String, String> match(String requestPath) {
        String[] segments = EndpointRegistry.segments(requestPath);
        return segments == null ? null : match(segments);
    }

    /** Same segments, with literals equal and variables in the same places, whatever their names. */
    public boolean isEquivalentTo(UriTemplate other) {
        if (other.literals.length != literals.length) {
            return false;
        }
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] == null ? other.literals[i] != null : !literals[i].equals(other.literals[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return path;
    }
}
