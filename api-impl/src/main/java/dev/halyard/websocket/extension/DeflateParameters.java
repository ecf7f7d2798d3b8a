// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import dev.halyard.websocket.handshake.ExtensionHeader;
import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters of permessage-deflate (RFC 7692 §7.1) and their negotiation. Halyard compresses
 * with {@code java.util.zip}, whose window is always 2^15 bytes: it can inflate what any window
 * produced, but cannot compress with a smaller one. So it declines offers that ask the server to
 * use a smaller window, and a client never lets the server limit its own window below 15.
 *
 * @param serverNoContextTakeover the server resets its compressor after each message
 * @param clientNoContextTakeover the client resets its compressor after each message
 * @param serverMaxWindowBits the server's window, 8 to 15; 15 when absent
 * @param clientMaxWindowBits the client's window, 8 to 15; 15 when absent
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover, int serverMaxWindowBits,
        int clientMaxWindowBits) {

    public static final String NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** What java.util.zip compresses with. */
    static final int OWN_WINDOW_BITS = 15;

    /** The offer Halyard's client makes, and what the server container lists as installed. */
    public static final Extension OFFER = new ExtensionHeader.Offer(NAME, List.of());

    /** Why an offer or answer cannot be used. */
    public static final class Unacceptable extends Exception {
        private static final long serialVersionUID = 1L;

        Unacceptable(String message) {
            super(message);
        }
    }

    /**
     * The server's answer to one offer (RFC 7692 §7.1): the agreed extension to put in the response,
     * or an {@link Unacceptable} saying why this offer is declined.
     */
    public static Extension acceptOffer(Extension offer) throws Unacceptable {
        Parsed parsed = parse(offer, true);
        if (parsed.serverMaxWindowBits != null && parsed.serverMaxWindowBits < OWN_WINDOW_BITS) {
            throw new Unacceptable("server_max_window_bits=" + parsed.serverMaxWindowBits
                    + " asks for a compression window smaller than java.util.zip's 2^15 bytes");
        }
        List<Extension.Parameter> answer = new ArrayList<>();
        // A client that will not keep its context gets a server that does not either (COMPATIBILITY.md C8).
        if (parsed.serverNoContextTakeover || parsed.clientNoContextTakeover) {
            answer.add(new ExtensionHeader.Param(SERVER_NO_CONTEXT_TAKEOVER, null));
        }
        if (parsed.clientNoContextTakeover) {
            answer.add(new ExtensionHeader.Param(CLIENT_NO_CONTEXT_TAKEOVER, null));
        }
        if (parsed.serverMaxWindowBits != null) {
            answer.add(new ExtensionHeader.Param(SERVER_MAX_WINDOW_BITS, Integer.toString(parsed.serverMaxWindowBits)));
        }
        // client_max_window_bits is not answered: the client may use any window, which the inflater handles.
        return new ExtensionHeader.Offer(NAME, answer);
    }

    /**
     * The parameters a server's answer agreed to, checked against what a client can honour.
     *
     * @param offeredClientWindow whether the client's offers included client_max_window_bits
     * @throws Unacceptable naming the parameter and the rule it breaks
     */
    public static DeflateParameters ofResponse(Extension response, boolean offeredClientWindow) throws Unacceptable {
        Parsed parsed = parse(response, false);
        if (parsed.clientMaxWindowBits != null) {
            if (!offeredClientWindow) {
                throw new Unacceptable("the server sent client_max_window_bits, which the client did not offer (RFC 7692 §7.1.2.2)");
            }
            if (parsed.clientMaxWindowBits < OWN_WINDOW_BITS) {
                throw new Unacceptable("client_max_window_bits=" + parsed.clientMaxWindowBits
                        + " asks for a compression window smaller than java.util.zip's 2^15 bytes");
            }
        }
        return parsed.agreed();
    }

    /** The parameters of an agreed extension (from a response), as the server applies them. */
    public static DeflateParameters ofAgreed(Extension agreed) throws Unacceptable {
        return parse(agreed, false).agreed();
    }

    private record Parsed(boolean serverNoContextTakeover, boolean clientNoContextTakeover, Integer serverMaxWindowBits,
            Integer clientMaxWindowBits) {
        DeflateParameters agreed() {
            return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover,
                    serverMaxWindowBits == null ? OWN_WINDOW_BITS : serverMaxWindowBits,
                    clientMaxWindowBits == null ? OWN_WINDOW_BITS : clientMaxWindowBits);
        }
    }

    /**
     * Checks every parameter once (RFC 7692 §7: unknown names, repeated names and bad values make
     * the whole offer or answer unusable).
     *
     * @param offer whether this is a client's offer, where client_max_window_bits may stand without a value
     */
    private static Parsed parse(Extension extension, boolean offer) throws Unacceptable {
        if (!NAME.equals(extension.getName())) {
            throw new Unacceptable("not " + NAME + ": " + extension.getName());
        }
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        Integer serverBits = null;
        Integer clientBits = null;
        Set<String> seen = new HashSet<>();
        for (Extension.Parameter parameter : extension.getParameters()) {
            String name = parameter.getName();
            String value = parameter.getValue();
            if (!seen.add(name)) {
                throw new Unacceptable("parameter " + name + " appears more than once (RFC 7692 §7)");
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    requireNoValue(name, value);
                    serverNoContext = true;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    requireNoValue(name, value);
                    clientNoContext = true;
                }
                case SERVER_MAX_WINDOW_BITS -> serverBits = windowBits(name, value);
                case CLIENT_MAX_WINDOW_BITS -> {
                    if (value == null && offer) {
                        clientBits = null; // "I can limit my window": nothing to do, Halyard does not ask for it
                    } else {
                        clientBits = windowBits(name, value);
                    }
                }
                default -> throw new Unacceptable("unknown parameter " + name + " (RFC 7692 §7)");
            }
        }
        return new Parsed(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    private static void requireNoValue(String name, String value) throws Unacceptable {
        if (value != null) {
            throw new Unacceptable(name + " takes no value, got \"" + value + "\" (RFC 7692 §7.1.1)");
        }
    }

    private static int windowBits(String name, String value) throws Unacceptable {
        // 1*DIGIT from 8 to 15, no leading zero (RFC 7692 §7.1.2)
        if (value == null || !value.matches("[1-9][0-9]?") || Integer.parseInt(value) < 8 || Integer.parseInt(value) > 15) {
            throw new Unacceptable(name + " must be a number from 8 to 15, got " + (value == null ? "no value" : "\"" + value + "\"")
                    + " (RFC 7692 §7.1.2)");
        }
        return Integer.parseInt(value);
    }
}
