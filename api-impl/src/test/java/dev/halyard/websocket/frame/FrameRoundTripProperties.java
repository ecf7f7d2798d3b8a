// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Random frame sequences written by {@link FrameWriter} and read back by {@link FrameParser},
 * fed in random pieces: what comes out is what went in.
 */
class FrameRoundTripProperties {

    /** A frame to send, with its payload bytes. */
    record Out(int opcode, boolean fin, byte[] payload) {

        WireFrame expected() {
            return WireFrame.of(opcode, fin, 0, payload);
        }

        @Override
        public String toString() {
            return OpCode.name(opcode) + (fin ? " fin " : " ") + payload.length + "B";
        }
    }

    @Property(tries = 1000)
    void framesSurviveTheRoundTripWhateverTheSplits(
            @ForAll("frameSequences") List<Out> frames, @ForAll Role sender, @ForAll("pieceSizes") List<Integer> pieces)
            throws ProtocolException {
        byte[] wire = write(sender, frames);
        Role receiver = sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        RecordingListener recorder = new RecordingListener();
        feed(new FrameParser(receiver, recorder), wire, pieces);
        assertThat(recorder.frames).containsExactlyElementsOf(frames.stream().map(Out::expected).toList());
    }

    @Property(tries = 1000)
    void validTextPassesTheUtf8CheckCutAnywhere(
            @ForAll("text") String text, @ForAll("cutPoints") List<Integer> cuts, @ForAll("pieceSizes") List<Integer> pieces)
            throws ProtocolException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        RecordingListener recorder = new RecordingListener();
        feed(new FrameParser(Role.SERVER, new Utf8CheckingListener(recorder)), write(Role.CLIENT, fragment(utf8, cuts)), pieces);
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        recorder.frames.forEach(f -> received.writeBytes(Hex.bytes(f.payloadHex())));
        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Property(tries = 1000)
    void invalidUtf8IsCaughtAtItsFirstByteCutAnywhere(
            @ForAll("text") String text, @ForAll("badSequences") String bad, @ForAll("cutPoints") List<Integer> cuts,
            @ForAll("pieceSizes") List<Integer> pieces) {
        byte[] good = text.getBytes(StandardCharsets.UTF_8);
        int at = good.length / 2;
        while (at > 0 && (good[at] & 0xC0) == 0x80) {
            at--; // insert at a character boundary, so the bad sequence's first byte is the first bad byte
        }
        String[] hexAndOffset = bad.split("\\|"); // the sequence, and the offset of its first byte that cannot be UTF-8
        byte[] message = TestFrames.concat(java.util.Arrays.copyOf(good, at), Hex.bytes(hexAndOffset[0]),
                java.util.Arrays.copyOfRange(good, at, good.length));
        byte[] wire = write(Role.CLIENT, fragment(message, cuts));
        FrameParser parser = new FrameParser(Role.SERVER, new Utf8CheckingListener(new RecordingListener()));
        int expectedAt = at + Integer.parseInt(hexAndOffset[1]);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ProtocolException.class, () -> feed(parser, wire, pieces)))
                .satisfies(e -> {
                    assertThat(e.closeCode()).isEqualTo(CloseStatus.NOT_CONSISTENT);
                    assertThat(e).hasMessageContaining("at byte " + expectedAt + " ");
                });
    }

    @Provide
    Arbitrary<List<Out>> frameSequences() {
        Arbitrary<List<Out>> message = Combinators.combine(
                        Arbitraries.of(OpCode.TEXT, OpCode.BINARY),
                        payloadSizes().list().ofMinSize(1).ofMaxSize(4),
                        controlFrames().list().ofMaxSize(3),
                        Arbitraries.longs())
                .as(FrameRoundTripProperties::message);
        Arbitrary<List<Out>> control = controlFrames().map(List::of);
        return Arbitraries.oneOf(message, message, control).list().ofMaxSize(6)
                .flatMap(parts -> Arbitraries.of(true, false).flatMap(withClose -> closeFrame().map(close -> {
                    List<Out> all = new ArrayList<>();
                    parts.forEach(all::addAll);
                    if (withClose) {
                        all.add(close);
                    }
                    return all;
                })));
    }

    @Provide
    Arbitrary<List<Integer>> pieceSizes() {
        return Arbitraries.integers().between(1, 100_000).withDistribution(RandomDistribution.biased())
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> cutPoints() {
        return Arbitraries.integers().between(0, 5_000).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0x80, 0x7FF),
                Arbitraries.integers().between(0x800, 0xFFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF),
                Arbitraries.integers().between(0x10000, 0x10FFFF));
        return codePoint.list().ofMaxSize(1500).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    @Provide
    Arbitrary<String> badSequences() {
        return Arbitraries.of("80|0", "c0af|0", "ff|0", "f8|0", "eda080|1", "f4908080|1", "e08080|1", "c241|1", "e282ff|2");
    }

    private static Arbitrary<Integer> payloadSizes() {
        return Arbitraries.integers().between(0, 70_000).withDistribution(RandomDistribution.biased());
    }

    private static Arbitrary<Out> controlFrames() {
        return Combinators.combine(Arbitraries.of(OpCode.PING, OpCode.PONG), Arbitraries.integers().between(0, 125), Arbitraries.longs())
                .as((opcode, size, seed) -> new Out(opcode, true, randomBytes(size, seed)));
    }

    private static Arbitrary<Out> closeFrame() {
        return Combinators.combine(Arbitraries.of(1000, 1001, 1011, 3000, 4999), Arbitraries.strings().alpha().ofMaxLength(40))
                .as((code, reason) -> {
                    byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
                    return new Out(OpCode.CLOSE, true, ByteBuffer.allocate(2 + reasonBytes.length).putShort(code.shortValue()).put(reasonBytes).array());
                });
    }

    /** A data message cut into fragments of the given sizes, with control frames between fragments. */
    private static List<Out> message(int opcode, List<Integer> sizes, List<Out> controls, long seed) {
        List<Out> frames = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            boolean last = i == sizes.size() - 1;
            frames.add(new Out(i == 0 ? opcode : OpCode.CONTINUATION, last, randomBytes(sizes.get(i), seed + i)));
            if (!last && i < controls.size()) {
                frames.add(controls.get(i));
            }
        }
        return frames;
    }

    /** A text message cut at the given byte offsets, anywhere, even inside a character. */
    private static List<Out> fragment(byte[] message, List<Integer> cuts) {
        List<Integer> points = new ArrayList<>(cuts.stream().map(c -> Math.min(c, message.length)).sorted().toList());
        points.add(message.length);
        List<Out> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < points.size(); i++) {
            int end = Math.max(start, points.get(i));
            frames.add(new Out(i == 0 ? OpCode.TEXT : OpCode.CONTINUATION, i == points.size() - 1,
                    java.util.Arrays.copyOfRange(message, start, end)));
            start = end;
        }
        return frames;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] write(Role sender, List<Out> frames) {
        FrameWriter writer = new FrameWriter(sender);
        int total = frames.stream().mapToInt(f -> writer.headerLength(f.payload().length) + f.payload().length).sum();
        ByteBuffer out = ByteBuffer.allocate(total);
        for (Out frame : frames) {
            writer.writeFrame(out, frame.fin(), 0, frame.opcode(), ByteBuffer.wrap(frame.payload()));
        }
        return out.array();
    }

    /** Feeds {@code wire} in pieces of the given sizes, cycling through them. */
    private static void feed(FrameParser parser, byte[] wire, List<Integer> pieces) throws ProtocolException {
        int at = 0;
        for (int i = 0; at < wire.length; i++) {
            int size = Math.min(pieces.get(i % pieces.size()), wire.length - at);
            ByteBuffer piece = ByteBuffer.wrap(wire, at, size);
            parser.parse(piece);
            assertThat(piece.hasRemaining()).isFalse();
            at += size;
        }
    }
}
