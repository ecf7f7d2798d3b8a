// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.frame.Role;
import dev.halyard.websocket.handshake.ExtensionHeader;
import jakarta.websocket.Extension;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 7692 §7.1 negotiation, offer by offer: what a server answers, and which answers a client accepts. */
class DeflateNegotiationTest {

    private static List<Extension> header(String value) {
        return ExtensionHeader.parse(List.of(value));
    }

    private static String answer(String offers) {
        return ExtensionHeader.format(Negotiated.serverAnswer(header(offers)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "permessage-deflate                                            | permessage-deflate",
        "permessage-deflate; client_max_window_bits                    | permessage-deflate",
        "permessage-deflate; client_max_window_bits=10                 | permessage-deflate",
        "permessage-deflate; server_no_context_takeover                | permessage-deflate; server_no_context_takeover",
        "permessage-deflate; client_no_context_takeover                | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "permessage-deflate; server_no_context_takeover; client_no_context_takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "permessage-deflate; server_max_window_bits=15                 | permessage-deflate; server_max_window_bits=15",
        // java.util.zip cannot compress with a smaller window: declined, the next offer taken
        "permessage-deflate; server_max_window_bits=10, permessage-deflate | permessage-deflate",
        "permessage-deflate; server_max_window_bits=10                 | NONE",
        // malformed offers are declined (§7)
        "permessage-deflate; server_max_window_bits=16                 | NONE",
        "permessage-deflate; server_max_window_bits=08                 | NONE",
        "permessage-deflate; server_max_window_bits                    | NONE",
        "permessage-deflate; client_max_window_bits=7                  | NONE",
        "permessage-deflate; server_no_context_takeover=yes            | NONE",
        "permessage-deflate; mystery                                   | NONE",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | NONE",
        // only the first acceptable offer is answered
        "permessage-deflate; server_no_context_takeover, permessage-deflate | permessage-deflate; server_no_context_takeover",
    })
    void serverAnswersTheFirstOfferItCanHonour(String offers, String expected) {
        assertThat(answer(offers)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate                                     | false | false",
        "permessage-deflate; server_no_context_takeover         | true  | false",
        "permessage-deflate; client_no_context_takeover         | false | true",
        "permessage-deflate; server_max_window_bits=9           | false | false",
    })
    void clientAcceptsValidAnswers(String response, boolean serverNoContext, boolean clientNoContext) throws Exception {
        DeflateParameters agreed = DeflateParameters.ofResponse(header(response).get(0), false);
        assertThat(agreed.serverNoContextTakeover()).isEqualTo(serverNoContext);
        assertThat(agreed.clientNoContextTakeover()).isEqualTo(clientNoContext);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate; client_max_window_bits=15   | false | did not offer",
        "permessage-deflate; client_max_window_bits=10   | true  | smaller than java.util.zip",
        "permessage-deflate; server_max_window_bits=7    | false | from 8 to 15",
        "permessage-deflate; x-unknown                   | false | unknown parameter x-unknown",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | false | more than once",
    })
    void clientRefusesAnswersItCannotHonour(String response, boolean offeredClientWindow, String reason) {
        assertThatThrownBy(() -> DeflateParameters.ofResponse(header(response).get(0), offeredClientWindow))
                .isInstanceOf(DeflateParameters.Unacceptable.class).hasMessageContaining(reason);
    }

    @Test
    void clientAcceptsAClientWindowOf15WhenItOfferedTheParameter() throws Exception {
        assertThat(DeflateParameters.ofResponse(header("permessage-deflate; client_max_window_bits=15").get(0), true)
                .clientMaxWindowBits()).isEqualTo(15);
    }

    @Test
    void otherExtensionsPassAndOnlyDeflateGetsAnEngine() {
        List<Extension> agreed = Negotiated.serverAnswer(header("x-custom; a=1, permessage-deflate, permessage-deflate; client_no_context_takeover"));
        assertThat(ExtensionHeader.format(agreed)).isEqualTo("x-custom; a=1, permessage-deflate");
        ExtensionChain chain = Negotiated.chain(agreed, Role.SERVER, 0);
        assertThat(chain.extensions()).hasSize(1);
        assertThat(chain.rsvBits()).isEqualTo(dev.halyard.websocket.frame.FrameHeader.RSV1);
        assertThat(chain.keepsOutgoingState()).isTrue();
        chain.release();
        assertThat(Negotiated.chain(Negotiated.serverAnswer(header("permessage-deflate; server_no_context_takeover")),
                Role.SERVER, 0).keepsOutgoingState()).isFalse();
    }
}
