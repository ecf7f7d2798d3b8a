// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import dev.halyard.websocket.frame.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * From negotiated Jakarta extensions to the engines that run them: the server's choice among
 * offers, and the {@link ExtensionChain} of a connection. Halyard implements permessage-deflate;
 * other extensions an application's configurator agrees to are announced but change no frame.
 */
public final class Negotiated {

    private static final System.Logger LOG = System.getLogger(Negotiated.class.getName());

    private Negotiated() {
    }

    /**
     * What a server answers, from the extensions its configurator chose (in the client's order):
     * for permessage-deflate, the first offer it can honour, with the parameters of its answer;
     * offers it cannot honour, and repeats of an agreed name, are declined (RFC 7692 §5, §7).
     */
    public static List<jakarta.websocket.Extension> serverAnswer(List<jakarta.websocket.Extension> chosen) {
        List<jakarta.websocket.Extension> answer = new ArrayList<>();
        Set<String> agreed = new HashSet<>();
        for (jakarta.websocket.Extension extension : chosen) {
            if (agreed.contains(extension.getName())) {
                continue;
            }
            if (DeflateParameters.NAME.equals(extension.getName())) {
                try {
                    answer.add(DeflateParameters.acceptOffer(extension));
                } catch (DeflateParameters.Unacceptable e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "Declined a permessage-deflate offer: " + e.getMessage());
                    continue;
                }
            } else {
                answer.add(extension);
            }
            agreed.add(extension.getName());
        }
        return answer;
    }

    /**
     * The engines of one connection for its agreed extensions.
     *
     * @param deflateThreshold whole messages shorter than this go out uncompressed
     * @throws IllegalArgumentException when an agreed permessage-deflate cannot be run
     */
    public static ExtensionChain chain(List<jakarta.websocket.Extension> agreed, Role role, int deflateThreshold) {
        List<Extension> engines = new ArrayList<>();
        for (jakarta.websocket.Extension extension : agreed) {
            if (DeflateParameters.NAME.equals(extension.getName())) {
                try {
                    engines.add(new PerMessageDeflate(DeflateParameters.ofAgreed(extension), role, deflateThreshold));
                } catch (DeflateParameters.Unacceptable e) {
                    throw new IllegalArgumentException("Agreed permessage-deflate cannot be run: " + e.getMessage(), e);
                }
            }
        }
        return new ExtensionChain(engines);
    }
}
