// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers to HTTP authentication challenges (a 401's {@code WWW-Authenticate}, a 407's
 * {@code Proxy-Authenticate}): Basic (RFC 7617) and Digest (RFC 7616) with MD5 or SHA-256, with or
 * without {@code -sess}, and {@code qop=auth}. Digest is preferred over Basic, SHA-256 over MD5.
 */
final class HttpAuthentication {

    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpAuthentication() {
    }

    /** One challenge: its scheme and parameters (names lower-cased). */
    record Challenge(String scheme, Map<String, String> parameters) {
    }

    /**
     * The credentials header value answering the best challenge among {@code headerValues}, or
     * null when none has a scheme supported here.
     *
     * @param method the request's method, for Digest
     * @param uri the request target as sent, for Digest
     * @throws IllegalArgumentException when the chosen challenge is malformed (a control character in a value it echoes)
     */
    static String answer(List<String> headerValues, String user, String password, String method, String uri) {
        Challenge best = null;
        for (Challenge challenge : parse(headerValues)) {
            if (rank(challenge) > rank(best)) {
                best = challenge;
            }
        }
        if (best == null || rank(best) == 0) {
            return null;
        }
        if (best.scheme().equals("basic")) {
            return basic(user, password);
        }
        return digest(best.parameters(), user, password, method, uri);
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int rank(Challenge challenge) {
        if (challenge == null) {
            return -1;
        }
        if (challenge.scheme().equals("basic")) {
            return 1;
        }
        if (challenge.scheme().equals("digest") && challenge.parameters().containsKey("nonce")) {
            String algorithm = challenge.parameters().getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
            String qop = challenge.parameters().get("qop");
            boolean qopUsable = qop == null || tokens(qop).contains("auth");
            if (!qopUsable) {
                return 0;
            }
            if (algorithm.equals("SHA-256") || algorithm.equals("SHA-256-SESS")) {
                return 3;
            }
            if (algorithm.equals("MD5") || algorithm.equals("MD5-SESS")) {
                return 2;
            }
        }
        return 0;
    }

    private static String digest(Map<String, String> challenge, String user, String password, String method, String uri) {
        for (String name : List.of("realm", "nonce", "opaque", "algorithm", "qop")) {
            String value = challenge.get(name);
            if (value != null && dev.halyard.websocket.handshake.HeaderText.hasControlCharacter(value)) {
                // Echoed into the Authorization header, it would split it: a malformed challenge, not a header to send.
                throw new IllegalArgumentException("its " + name + " \"" + dev.halyard.websocket.handshake.HeaderText.printable(value)
                        + "\" holds a control character");
            }
        }
        String realm = challenge.getOrDefault("realm", "");
        String nonce = challenge.get("nonce");
        String algorithm = challenge.getOrDefault("algorithm", "MD5");
        String upper = algorithm.toUpperCase(Locale.ROOT);
        String hashName = upper.startsWith("SHA-256") ? "SHA-256" : "MD5";
        boolean session = upper.endsWith("-SESS");
        boolean qop = challenge.containsKey("qop");
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String cnonce = HexFormat.of().formatHex(nonceBytes);
        String nc = "00000001";

        String ha1 = hash(hashName, user + ":" + realm + ":" + password);
        if (session) {
            ha1 = hash(hashName, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = hash(hashName, method + ":" + uri);
        String response = qop ? hash(hashName, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : hash(hashName, ha1 + ":" + nonce + ":" + ha2);

        StringBuilder header = new StringBuilder("Digest ");
        header.append("username=").append(quote(user));
        header.append(", realm=").append(quote(realm));
        header.append(", nonce=").append(quote(nonce));
        header.append(", uri=").append(quote(uri));
        header.append(", algorithm=").append(algorithm);
        header.append(", response=").append(quote(response));
        if (qop) {
            header.append(", qop=auth, nc=").append(nc).append(", cnonce=").append(quote(cnonce));
        }
        if (challenge.containsKey("opaque")) {
            header.append(", opaque=").append(quote(challenge.get("opaque")));
        }
        return header.toString();
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has " + algorithm, e);
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static List<String> tokens(String list) {
        List<String> tokens = new ArrayList<>();
        for (String token : list.split(",")) {
            tokens.add(token.trim().toLowerCase(Locale.ROOT));
        }
        return tokens;
    }

    /**
     * The challenges in header values (RFC 9110 §11.6.1): {@code scheme param=value, param="quoted",
     * scheme2 ...}. A comma separates both parameters and challenges; a token not followed by
     * {@code =} starts a new challenge.
     */
    static List<Challenge> parse(List<String> headerValues) {
        List<Challenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            Lexer lexer = new Lexer(value);
            Map<String, String> parameters = null;
            while (lexer.skipSeparators()) {
                String token = lexer.token();
                if (token.isEmpty()) {
                    lexer.skip(); // not a token: skip a character and go on
                    continue;
                }
                lexer.skipSpaces();
                if (parameters != null && lexer.peek() == '=') {
                    lexer.skip();
                    lexer.skipSpaces();
                    String parameterValue = lexer.peek() == '"' ? lexer.quoted() : lexer.token();
                    parameters.put(token.toLowerCase(Locale.ROOT), parameterValue);
                } else {
                    parameters = new LinkedHashMap<>();
                    challenges.add(new Challenge(token.toLowerCase(Locale.ROOT), parameters));
                    // a token68 (Basic's legacy form) is ignored
                }
            }
        }
        return challenges;
    }

    private static final class Lexer {
        private final String text;
        private int at;

        Lexer(String text) {
            this.text = text;
        }

        char peek() {
            return at < text.length() ? text.charAt(at) : 0;
        }

        void skip() {
            at++;
        }

        void skipSpaces() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        /** Skips spaces and commas; false at the end. */
        boolean skipSeparators() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == ',')) {
                at++;
            }
            return at < text.length();
        }

        String token() {
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c <= ' ' || c == ',' || c == '=' || c == '"' || c == ';') {
                    break;
                }
                at++;
            }
            // token68 may end with '=' padding: "Basic abc==" reads as a token then '='s, which the caller treats as a value
            return text.substring(start, at);
        }

        String quoted() {
            StringBuilder value = new StringBuilder();
            at++; // opening quote
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    value.append(text.charAt(at++));
                } else if (c == '"') {
                    break;
                } else {
                    value.append(c);
                }
            }
            return value.toString();
        }
    }
}
