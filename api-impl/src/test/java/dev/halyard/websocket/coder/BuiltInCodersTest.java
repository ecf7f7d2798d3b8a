// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.DecodeException;
import org.junit.jupiter.api.Test;

/** Text to primitives and boxes, as @OnMessage parameters receive them. */
class BuiltInCodersTest {

    @Test
    void aCharIsTheFirstCharacterOfTheMessage() throws Exception {
        assertThat(BuiltInCoders.parse("Echar", char.class)).isEqualTo('E');
        assertThat(BuiltInCoders.parse("x", Character.class)).isEqualTo('x');
        assertThatThrownBy(() -> BuiltInCoders.parse("", char.class)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void numbersAndBooleans() throws Exception {
        assertThat(BuiltInCoders.parse("42", int.class)).isEqualTo(42);
        assertThat(BuiltInCoders.parse("-7", Long.class)).isEqualTo(-7L);
        assertThat(BuiltInCoders.parse("true", boolean.class)).isEqualTo(true);
        assertThat(BuiltInCoders.parse("yes", Boolean.class)).isEqualTo(false);
        assertThatThrownBy(() -> BuiltInCoders.parse("4x", int.class)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("4x");
    }
}
