// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Feeds the same input to a fresh parser in every way it could arrive: whole, cut in two at each
 * byte position, and one byte at a time. Each run gets its own copy, since the parser unmasks in
 * place.
 */
final class Feed {

    /** What one run saw: the frames delivered before it ended, and the failure, if any. */
    record Outcome(List<WireFrame> frames, ProtocolException failure) {

        Integer closeCode() {
            return failure == null ? null : failure.closeCode();
        }
    }

    private final Role role;
    private final byte[] input;
    private Consumer<FrameParser> configure = parser -> { };
    private boolean checkUtf8;

    private Feed(Role role, byte[] input) {
        this.role = role;
        this.input = input;
    }

    /** Input a server receives: frames a client sent, masked. */
    static Feed toServer(String hex) {
        return new Feed(Role.SERVER, Hex.bytes(hex));
    }

    /** Input a client receives: frames a server sent, unmasked. */
    static Feed toClient(String hex) {
        return new Feed(Role.CLIENT, Hex.bytes(hex));
    }

    static Feed of(Role role, byte[] input) {
        return new Feed(role, input);
    }

    Feed configure(Consumer<FrameParser> configure) {
        this.configure = configure;
        return this;
    }

    /** Puts a {@link Utf8CheckingListener} in front of the recorder, as the real inbound chain does. */
    Feed checkingUtf8() {
        this.checkUtf8 = true;
        return this;
    }

    /** Parses the input in one piece. */
    Outcome whole() {
        return run(List.of(input.length));
    }

    /** Every way of feeding the input, each asserted to give the same outcome as the whole; returns it. */
    Outcome sameAtEverySplit() {
        Outcome whole = whole();
        for (int cut = 1; cut < input.length; cut++) {
            if (input.length > LARGE && cut > 300 && cut < input.length - 300 && cut % 97 != 0) {
                continue; // large inputs: every cut inside the headers and at the ends, a sample between
            }
            assertSame(run(List.of(cut, input.length)), whole, "cut at byte " + cut);
        }
        List<Integer> bytewise = new ArrayList<>();
        for (int i = 1; i <= input.length; i++) {
            bytewise.add(i);
        }
        assertSame(run(bytewise), whole, "one byte at a time");
        return whole;
    }

    private static final int LARGE = 4096;

    /** Asserts the input parses, at every split, into exactly {@code expected}. */
    void parsesTo(WireFrame... expected) {
        Outcome outcome = sameAtEverySplit();
        assertThat(outcome.failure()).as("failure").isNull();
        assertThat(outcome.frames()).containsExactly(expected);
    }

    /** Asserts the input fails, at every split, with {@code closeCode} and a reason containing {@code reasonPart}. */
    ProtocolException failsWith(int closeCode, String reasonPart) {
        Outcome outcome = sameAtEverySplit();
        assertThat(outcome.failure()).as("failure").isNotNull();
        assertThat(outcome.failure().closeCode()).as("close code of: " + outcome.failure().getMessage()).isEqualTo(closeCode);
        assertThat(outcome.failure().getMessage()).contains(reasonPart);
        return outcome.failure();
    }

    private static void assertSame(Outcome actual, Outcome expected, String how) {
        assertThat(actual.frames()).as("frames, " + how).isEqualTo(expected.frames());
        assertThat(actual.closeCode()).as("close code, " + how).isEqualTo(expected.closeCode());
        if (expected.failure() != null) {
            assertThat(actual.failure().getMessage()).as("reason, " + how).isEqualTo(expected.failure().getMessage());
        }
    }

    /** Parses the input cut at the given end offsets, each piece in its own buffer. */
    private Outcome run(List<Integer> ends) {
        RecordingListener recorder = new RecordingListener();
        FrameParser parser = new FrameParser(role, checkUtf8 ? new Utf8CheckingListener(recorder) : recorder);
        configure.accept(parser);
        byte[] copy = input.clone();
        ProtocolException failure = catchThrowableOfType(ProtocolException.class, () -> {
            int start = 0;
            for (int end : ends) {
                ByteBuffer piece = ByteBuffer.wrap(copy, start, end - start);
                parser.parse(piece);
                assertThat(piece.hasRemaining()).as("parser left bytes unread without being suspended").isFalse();
                start = end;
            }
        });
        return new Outcome(recorder.frames, failure);
    }
}
