package dev.halyard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
        byte[] first = new byte[40];
        byte[] second = new byte[40];
        pattern.copy(MessagePattern.key(3, 7), 0, first, 0, 40);
        pattern.copy(MessagePattern.key(3, 8), 0, second, 0, 40);
        assertThat(new String(first, StandardCharsets.US_ASCII)).startsWith("0000030000000007");
        assertThat(first).isNotEqualTo(second);
        assertThat(pattern.matches(MessagePattern.key(3, 7), 0, first, 0, 40)).isTrue();
        assertThat(pattern.matches(MessagePattern.key(3, 8), 0, first, 0, 40)).isFalse();
        assertThat(pattern.matches(MessagePattern.key(3, 7), 20, first, 20, 20)).isTrue();
        assertThatThrownBy(() -> new MessagePattern(8)).hasMessageContaining("Message size 8 is below the 16 bytes");
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

    private static List<String> events(byte[] wire, int chunk) throws InboundFrames.ProtocolViolation {
        List<String> events = new ArrayList<>();
        InboundFrames frames = new InboundFrames(new InboundFrames.Sink() {
            @Override
            public void messageStart(int opcode) {
                events.add("start " + opcode);
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
        });
        for (int i = 0; i < wire.length; i += chunk) {
            frames.feed(wire, i, Math.min(chunk, wire.length - i));
        }
        return events;
    }
}
