// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "", "41", "7f", "c2 80", "df bf", "e0 a0 80", "e1 80 80", "ec bf bf", "ed 80 80", "ed 9f bf",
        "ee 80 80", "ef bf bf", "f0 90 80 80", "f1 80 80 80", "f3 bf bf bf", "f4 80 80 80", "f4 8f bf bf",
        "ce ba e1 bd b9 cf 83 ce bc ce b5", // κόσμε
        "48 65 6c 6c 6f 20 f0 9f 98 80 20 e2 82 ac 21 21 21 21 21 21 21 21 21", // ASCII runs around multibyte
    })
    void wellFormed(String hex) {
        byte[] bytes = Hex.bytes(hex);
        assertWholeAndSplit(bytes, -1, true);
    }

    @ParameterizedTest(name = "{0} fails at {1}")
    @CsvSource({
        "80, 0",                    // lone continuation
        "bf, 0",
        "c0 80, 0",                 // overlong NUL
        "c1 bf, 0",                 // overlong 2-byte
        "e0 80 80, 1",              // overlong 3-byte
        "e0 9f bf, 1",
        "ed a0 80, 1",              // surrogate U+D800
        "ed bf bf, 1",              // surrogate U+DFFF
        "f0 80 80 80, 1",           // overlong 4-byte
        "f0 8f bf bf, 1",
        "f4 90 80 80, 1",           // U+110000
        "f5 80 80 80, 0",           // lead byte past U+10FFFF
        "f8 88 80 80 80, 0",        // 5-byte form
        "fe, 0",
        "ff, 0",
        "c2 41, 1",                 // missing continuation
        "e2 82 41, 2",
        "f0 9f 98 41, 3",
        "41 41 41 41 41 41 41 41 41 80, 9", // past an ASCII run checked 8 bytes at a time
        "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64, 12", // Autobahn 6.3.1
    })
    void illFormed(String hex, int firstBad) {
        assertWholeAndSplit(Hex.bytes(hex), firstBad, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2", "e2 82", "f0 9f 98", "41 f4 8f bf"})
    void truncatedAtTheEnd(String hex) {
        assertWholeAndSplit(Hex.bytes(hex), -1, false);
    }

    @Test
    void everyCodePointRoundTrips() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= 0x10FFFF; cp += (cp < 0x3000 ? 1 : 251)) {
            if (cp < 0xD800 || cp > 0xDFFF) {
                all.appendCodePoint(cp);
            }
        }
        all.appendCodePoint(0x10FFFF);
        byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
        Utf8Validator validator = new Utf8Validator();
        assertThat(validator.validate(ByteBuffer.wrap(bytes))).isEqualTo(-1);
        assertThat(validator.isComplete()).isTrue();
    }

    @Test
    void staysFailedUntilReset() {
        Utf8Validator validator = new Utf8Validator();
        assertThat(validator.validate(ByteBuffer.wrap(Hex.bytes("ff")))).isZero();
        assertThat(validator.validate(ByteBuffer.wrap(Hex.bytes("41")))).isZero();
        assertThat(validator.isComplete()).isFalse();
        validator.reset();
        assertThat(validator.validate(ByteBuffer.wrap(Hex.bytes("41")))).isEqualTo(-1);
        assertThat(validator.isComplete()).isTrue();
    }

    @Test
    void reportsBufferIndexesAndLeavesThePositionAlone() {
        ByteBuffer buffer = ByteBuffer.wrap(Hex.bytes("00 00 00 41 42 80"));
        buffer.position(3);
        assertThat(new Utf8Validator().validate(buffer)).isEqualTo(5);
        assertThat(buffer.position()).isEqualTo(3);
    }

    /** Whole, then cut in two at every position, then a byte at a time: the same verdict each way. */
    private static void assertWholeAndSplit(byte[] bytes, int firstBad, boolean complete) {
        assertThat(Utf8Validator.isValid(ByteBuffer.wrap(bytes), 0, bytes.length)).isEqualTo(firstBad < 0 && complete);
        for (int cut = 0; cut <= bytes.length; cut++) {
            Utf8Validator validator = new Utf8Validator();
            int bad = validator.validate(ByteBuffer.wrap(bytes, 0, cut));
            if (bad < 0) {
                bad = validator.validate(ByteBuffer.wrap(bytes, cut, bytes.length - cut));
            }
            assertThat(bad).as("first bad byte, cut at " + cut).isEqualTo(firstBad);
            if (firstBad < 0) {
                assertThat(validator.isComplete()).as("complete, cut at " + cut).isEqualTo(complete);
            }
        }
        Utf8Validator bytewise = new Utf8Validator();
        int bad = -1;
        for (int i = 0; i < bytes.length && bad < 0; i++) {
            bad = bytewise.validate(ByteBuffer.wrap(bytes, i, 1));
        }
        assertThat(bad).as("first bad byte, byte by byte").isEqualTo(firstBad);
    }
}
