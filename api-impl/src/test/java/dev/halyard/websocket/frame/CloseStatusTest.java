// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CloseStatusTest {

    @Test
    void codesAllowedOnTheWire() {
        int[] allowed = IntStream.rangeClosed(0, 70_000).filter(CloseStatus::isValidOnWire).toArray();
        int[] expected = IntStream.concat(
                IntStream.concat(IntStream.rangeClosed(1000, 1003), IntStream.rangeClosed(1007, 1014)),
                IntStream.rangeClosed(3000, 4999)).toArray();
        assertThat(allowed).isEqualTo(expected);
    }

    @Test
    void reasonIsCutOnACharacterBoundaryToFitAFrame() {
        ProtocolException e = new ProtocolException(CloseStatus.PROTOCOL_ERROR, "a" + "€".repeat(50));
        assertThat(e.closeReason()).isEqualTo("a" + "€".repeat(40)); // 1 + 40 * 3 = 121 bytes; one more would be 124
        assertThat(e.getMessage()).hasSize(51);
    }

    @Test
    void opcodeNames() {
        assertThat(OpCode.name(OpCode.TEXT)).isEqualTo("TEXT");
        assertThat(OpCode.name(0xB)).isEqualTo("0xB");
        assertThat(IntStream.range(0, 16).filter(OpCode::isDefined).toArray()).containsExactly(0, 1, 2, 8, 9, 10);
        assertThat(IntStream.range(0, 16).filter(OpCode::isControl).toArray()).containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
    }
}
