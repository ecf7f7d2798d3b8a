// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The load generator's own protocol pieces, in bytes. */
class LoadProtocolTest {

    @Test
    void acceptValueIsTheExampleOfRfc6455Section1_3() {
        assertThat(ClientHandshake.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void maskingAnySliceEqualsMaskingByteByByte() {
        int key = 0x37FA213D;
        byte[] payload = new byte[67];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        for (int from = 0; from < payload.length; from++) {
            byte[] slice = payload.clone();
            Masking.mask(slice, from, payload.length - from, key, from);
            for (int i = from; i < payload.length; i++) {
                assertThat(slice[i]).as("byte %d of a slice from %d", i, from)
                        .isEqualTo((byte) (payload[i] ^ (key >>> (24 - 8 * (i % 4)))));
            }
        }
    }

    @Test
    void patternsDifferPerMessageAndMatchOnlyThemselves() {
        MessagePattern pattern = new MessagePattern(40);
        byte[] first = distinctAndSelfMatching(pattern);
        assertThat(new String(first, StandardCharsets.US_ASCII)).startsWith("0000030000000007");
        assertThat(pattern.matches(MessagePattern.key(3, 7), 20, first, 20, 20)).isTrue();
        assertThatThrownBy(() -> new MessagePattern(8)).hasMessageContaining("Message size 8 is below the 16 bytes");
    }

    /** Messages 7 and 8 of stream 3 differ, and each whole message matches only its own key; returns message 7. */
    private static byte[] distinctAndSelfMatching(MessageContent content) {
        byte[] first = new byte[content.size()];
        byte[] second = new byte[content.size()];
        content.copy(MessagePattern.key(3, 7), 0, first, 0, first.length);
        content.copy(MessagePattern.key(3, 8), 0, second, 0, second.length);
        assertThat(first).isNotEqualTo(second);
        assertThat(content.matches(MessagePattern.key(3, 7), 0, first, 0, first.length)).isTrue();
        assertThat(content.matches(MessagePattern.key(3, 8), 0, first, 0, first.length)).isFalse();
        return first;
    }

    @Test
    void outboundFramesUnmaskToTheirMessagesWhateverTheBufferSize() {
        MessagePattern pattern = new MessagePattern(300);
        for (int capacity : new int[] {15, 16, 64, 301, 4096}) {
            OutboundFrames frames = new OutboundFrames(pattern, 0x1, 5);
            frames.queue(3);
            frames.queueClose(1000);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            ByteBuffer out = ByteBuffer.allocate(capacity);
            while (frames.hasPending()) {
                out.clear();
                frames.fill(out);
                wire.write(out.array(), 0, out.position());
            }
            ByteBuffer in = ByteBuffer.wrap(wire.toByteArray());
            for (int sequence = 0; sequence < 3; sequence++) {
                assertThat(in.get()).isEqualTo((byte) 0x81);
                assertThat(in.get()).isEqualTo((byte) (0x80 | 126));
                assertThat(in.getShort()).isEqualTo((short) 300);
                int key = in.getInt();
                byte[] payload = new byte[300];
                in.get(payload);
                Masking.mask(payload, 0, payload.length, key, 0);
                assertThat(pattern.matches(MessagePattern.key(5, sequence), 0, payload, 0, 300)).as("capacity %d", capacity).isTrue();
            }
            assertThat(in.get()).isEqualTo((byte) 0x88);
            assertThat(in.get()).isEqualTo((byte) 0x82);
            int key = in.getInt();
            byte[] code = {in.get(), in.get()};
            Masking.mask(code, 0, 2, key, 0);
            assertThat(code).containsExactly(0x03, 0xE8);
            assertThat(in.hasRemaining()).isFalse();
        }
    }

    @Test
    void channelWriterKeepsWhatAChannelDidNotTakeForTheNextCall() throws Exception {
        byte[] request = "GET /echo HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        OutboundFrames frames = new OutboundFrames(new MessagePattern(100), 0x1, 5);
        frames.queue(3);
        ChannelWriter writer = new ChannelWriter(64); // smaller than a frame: frames span fills
        writer.request(request);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int[] allowance = {0};
        WritableByteChannel channel = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer source) {
                int n = Math.min(allowance[0], source.remaining());
                wire.write(source.array(), source.arrayOffset() + source.position(), n);
                source.position(source.position() + n);
                allowance[0] -= n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        assertThat(writer.write(channel, frames)).as("a channel that takes nothing").isFalse();
        int calls = 0;
        boolean all = false;
        while (!all) {
            allowance[0] = 7; // a socket buffer with room for 7 bytes at each call
            all = writer.write(channel, frames);
            calls++;
        }
        byte[] bytes = wire.toByteArray();
        int frameBytes = 3 * (2 + 4 + 100); // header, mask key, payload (RFC 6455 §5.2)
        assertThat(bytes).hasSize(request.length + frameBytes);
        assertThat(calls).isEqualTo((bytes.length + 6) / 7);
        assertThat(Arrays.copyOf(bytes, request.length)).isEqualTo(request);
        for (int frame = 0; frame < 3; frame++) {
            int at = request.length + frame * 106;
            assertThat(bytes[at]).as("frame %d: FIN, text", frame).isEqualTo((byte) 0x81);
            assertThat(bytes[at + 1]).as("frame %d: masked, 100 bytes", frame).isEqualTo((byte) (0x80 | 100));
        }
        assertThat(writer.written()).as("frame bytes only, not the request").isEqualTo(frameBytes);
        assertThat(writer.write(channel, frames)).as("nothing left").isTrue();
    }

    @Test
    void expectedMessagesCountEachMessageIntactOnlyWhenItsTypeLengthAndEveryByteAreAsNumbered() {
        MessagePattern pattern = new MessagePattern(40);
        ExpectedMessages expected = new ExpectedMessages(pattern, 0x1, 3);
        byte[] message = new byte[41];
        for (int sequence = 0; sequence < 5; sequence++) {
            pattern.copy(MessagePattern.key(3, sequence), 0, message, 0, 40);
            expected.start(sequence == 1 ? 0x2 : 0x1);
            if (sequence == 2) {
                message[39] ^= 1;
            }
            expected.payload(message, 0, 17); // in two slices, as frames arrive
            expected.payload(message, 17, sequence == 3 ? 24 : 23);
            assertThat(expected.end()).as("message %d", sequence).isEqualTo(sequence == 0 || sequence == 4);
        }
        assertThat(expected.intact()).isEqualTo(2);
        assertThat(expected.corrupt()).as("binary instead of text, a byte changed, a byte too many").isEqualTo(3);

        ExpectedMessages nothing = ExpectedMessages.nothing();
        nothing.start(0x1);
        nothing.payload(message, 0, 40);
        assertThat(nothing.end()).isFalse();
        assertThat(nothing.corrupt()).isEqualTo(1);
    }

    @Test
    void inboundFramesGiveTheSameEventsWhereverTheInputIsSplit() throws Exception {
        // "Hel" + continuation "lo", a ping between them, then a close 1000 (RFC 6455 §5.7, §5.4)
        byte[] wire = HexFormat.of().parseHex("010348656c" + "8900" + "80026c6f" + "880203e8");
        List<String> whole = events(wire, wire.length);
        assertThat(whole).containsExactly("start 1", "Hel", "control 9 0", "lo", "end", "control 8 2");
        for (int split = 1; split < wire.length; split++) {
            assertThat(String.join("", events(wire, split))).as("split at %d", split).isEqualTo(String.join("", whole));
        }
    }

    @Test
    void inboundFramesRejectWhatAServerMustNotSend() {
        assertThatThrownBy(() -> events(HexFormat.of().parseHex("818100000000" + "41"), 7))
                .hasMessageContaining("Masked frame from the server");
        assertThatThrownBy(() -> events(HexFormat.of().parseHex("c100"), 2)).hasMessageContaining("RSV bits 100");
        assertThatThrownBy(() -> events(HexFormat.of().parseHex("0000"), 2)).hasMessageContaining("no message to continue");
        assertThatThrownBy(() -> events(HexFormat.of().parseHex("097e0080"), 4)).hasMessageContaining("at most 125");
    }

    @Test
    void jsonMessagesAreDistinctJsonOfTheirSizeAndMatchOnlyThemselves() {
        JsonMessages json = new JsonMessages(1024);
        byte[] first = distinctAndSelfMatching(json);
        String text = new String(first, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("{\"id\":\"0000030000000007\",\"type\":\"book\"").endsWith("\"}").contains("\"levels\":[{\"side\":");
        assertThat(json.matches(MessagePattern.key(3, 7 + JsonMessages.BODIES), 0, first, 0, 1024))
                .as("the same body comes back after a rotation, but with its own key").isFalse();
        for (int from = 0; from < 1024; from += 5) {
            for (int length : new int[] {1, 9, 30, 1024 - from}) {
                int n = Math.min(length, 1024 - from);
                byte[] slice = new byte[n + 3];
                json.copy(MessagePattern.key(3, 7), from, slice, 3, n);
                assertThat(Arrays.equals(slice, 3, 3 + n, first, from, from + n)).as("copy from %d, %d bytes", from, n).isTrue();
                assertThat(json.matches(MessagePattern.key(3, 7), from, slice, 3, n)).as("match from %d, %d bytes", from, n).isTrue();
                slice[3 + n - 1] ^= 1;
                assertThat(json.matches(MessagePattern.key(3, 7), from, slice, 3, n)).as("altered from %d, %d bytes", from, n).isFalse();
            }
        }
        assertThat(json.matches(MessagePattern.key(3, 7), 1000, first, 1000, 25)).as("past the end").isFalse();
    }

    @Test
    void compressedFramesCarryRsv1AndInflateToTheirMessagesWithContextTakeover() throws Exception {
        JsonMessages json = new JsonMessages(1024);
        OutboundFrames frames = new OutboundFrames(json, 0x1, 2);
        ClientDeflate deflate = new ClientDeflate("permessage-deflate", false);
        frames.compressWith(deflate);
        frames.queue(3);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteBuffer out = ByteBuffer.allocate(100); // smaller than a compressed message: frames span fills
        while (frames.hasPending()) {
            out.clear();
            frames.fill(out);
            wire.write(out.array(), 0, out.position());
        }
        deflate.end();
        ByteBuffer in = ByteBuffer.wrap(wire.toByteArray());
        Inflater peer = new Inflater(true); // the server's, keeping its window from message to message
        for (int sequence = 0; sequence < 3; sequence++) {
            assertThat(in.get()).as("FIN, RSV1, text").isEqualTo((byte) 0xC1);
            int length = in.get() & 0x7F;
            if (length == 126) {
                length = in.getShort() & 0xFFFF;
            }
            assertThat(length).as("compressed length of message %d", sequence).isBetween(100, 900);
            int key = in.getInt();
            byte[] payload = new byte[length + 4];
            in.get(payload, 0, length);
            Masking.mask(payload, 0, length, key, 0);
            payload[length + 2] = (byte) 0xFF; // the 00 00 FF FF the sender removed (RFC 7692 §7.2.2)
            payload[length + 3] = (byte) 0xFF;
            peer.setInput(payload);
            byte[] message = new byte[2048];
            int n = peer.inflate(message);
            assertThat(json.matches(MessagePattern.key(2, sequence), 0, message, 0, 1024)).isTrue();
            assertThat(n).isEqualTo(1024);
        }
        assertThat(in.hasRemaining()).isFalse();
        peer.end();
    }

    @Test
    void inflatesTheCompressedHelloOfRfc7692WhereverTheInputIsSplit() throws Exception {
        // Section 7.2.3.2: "Hello" twice with context takeover, the second a back-reference; then "Hello" uncompressed
        byte[] wire = HexFormat.of().parseHex("c107f248cdc9c90700" + "c105f200110000" + "810548656c6c6f");
        List<String> whole = events(wire, wire.length, true);
        assertThat(String.join("", whole)).isEqualTo("start 1Helloend" + "start 1Helloend" + "start 1Helloend");
        for (int split = 1; split < wire.length; split++) {
            assertThat(String.join("", events(wire, split, true))).as("split at %d", split).isEqualTo(String.join("", whole));
        }
    }

    @Test
    void rsv1IsAllowedOnlyOnTheFirstFrameOfACompressedMessage() {
        assertThatThrownBy(() -> events(HexFormat.of().parseHex("c100"), 2, false)).hasMessageContaining("no extension was negotiated");
        assertThatThrownBy(() -> events(HexFormat.of().parseHex("a100"), 2, true)).hasMessageContaining("RSV bits 10 set");
        assertThatThrownBy(() -> events(HexFormat.of().parseHex("4100" + "c000"), 2, true)).hasMessageContaining("continuation");
        assertThatThrownBy(() -> events(HexFormat.of().parseHex("c900"), 2, true)).hasMessageContaining("control");
        assertThatThrownBy(() -> events(HexFormat.of().parseHex("c103ffffff"), 5, true)).hasMessageContaining("Invalid compressed data");
    }

    @Test
    void deflateAnswersAreCheckedAgainstTheOfferWithoutParameters() throws Exception {
        assertThat(ClientHandshake.clientNoContextTakeover("permessage-deflate")).isFalse();
        assertThat(ClientHandshake.clientNoContextTakeover("permessage-deflate; server_no_context_takeover; server_max_window_bits=10"))
                .isFalse();
        assertThat(ClientHandshake.clientNoContextTakeover("permessage-deflate;client_no_context_takeover")).isTrue();
        assertThatThrownBy(() -> ClientHandshake.clientNoContextTakeover("permessage-deflate; client_max_window_bits=10"))
                .hasMessageContaining("client_max_window_bits");
        assertThatThrownBy(() -> ClientHandshake.clientNoContextTakeover("permessage-deflate, permessage-deflate"))
                .hasMessageContaining("2 extensions");
        assertThatThrownBy(() -> ClientHandshake.clientNoContextTakeover("x-webkit-deflate-frame"))
                .hasMessageContaining("not offered");
        assertThatThrownBy(() -> ClientHandshake.clientNoContextTakeover("permessage-deflate; server_max_window_bits=16"))
                .hasMessageContaining("8 to 15");
        assertThatThrownBy(() -> ClientHandshake.clientNoContextTakeover(
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover")).hasMessageContaining("twice");
    }

    @Test
    void aServerThatDeclinesTheOfferedDeflateFailsTheHandshake() throws Exception {
        ClientHandshake handshake = new ClientHandshake("127.0.0.1", 80, "/echo", true);
        String request = new String(handshake.request(), StandardCharsets.US_ASCII);
        assertThat(request).contains("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n");
        String key = request.replaceAll("(?s).*Sec-WebSocket-Key: ([^\r]+)\r\n.*", "$1");
        byte[] response = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + ClientHandshake.accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(handshake.consume(response, 0, response.length)).isEqualTo(response.length);
        assertThatThrownBy(handshake::verify).hasMessageContaining("declined the offered permessage-deflate");
    }

    private static List<String> events(byte[] wire, int chunk) throws InboundFrames.ProtocolViolation {
        return events(wire, chunk, false);
    }

    /** The events of parsing {@code wire} in chunks; with {@code deflate}, through an inflater as a connection has. */
    private static List<String> events(byte[] wire, int chunk, boolean deflate) throws InboundFrames.ProtocolViolation {
        List<String> events = new ArrayList<>();
        InboundFrames.Sink recorder = new InboundFrames.Sink() {
            @Override
            public void messageStart(int opcode, boolean compressed) {
                events.add("start " + opcode + (compressed ? " compressed" : ""));
            }

            @Override
            public void payload(byte[] bytes, int offset, int length) {
                events.add(new String(bytes, offset, length, StandardCharsets.US_ASCII));
            }

            @Override
            public void messageEnd() {
                events.add("end");
            }

            @Override
            public void control(int opcode, byte[] payload, int length) {
                events.add("control " + opcode + " " + length);
            }
        };
        ClientDeflate inflater = deflate ? new ClientDeflate("permessage-deflate", false) : null;
        InboundFrames frames = new InboundFrames(deflate ? inflater.inflating(recorder) : recorder, deflate);
        for (int i = 0; i < wire.length; i += chunk) {
            frames.feed(wire, i, Math.min(chunk, wire.length - i));
        }
        if (inflater != null) {
            inflater.end();
        }
        return events;
    }
}
