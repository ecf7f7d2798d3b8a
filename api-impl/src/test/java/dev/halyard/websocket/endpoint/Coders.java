// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Message types and coders of all four kinds, for the endpoint tests; they log their lifecycle. */
final class Coders {

    static final List<String> LIFECYCLE = new CopyOnWriteArrayList<>();

    private Coders() {
    }

    /** Sent as text "x,y". */
    record Point(int x, int y) {
    }

    /** Sent as binary, 8 bytes. */
    record Vector(int dx, int dy) {
    }

    /** Sent as text through streams. */
    record Note(String text) {
    }

    /** Sent as binary through streams. */
    record Blob(byte[] bytes) {
    }

    abstract static class Logged {
        public void init(EndpointConfig config) {
            LIFECYCLE.add("init " + getClass().getSimpleName());
        }

        public void destroy() {
            LIFECYCLE.add("destroy " + getClass().getSimpleName());
        }
    }

    public static final class PointDecoder extends Logged implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) throws DecodeException {
            String[] parts = s.split(",");
            try {
                return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            } catch (RuntimeException e) {
                throw new DecodeException(s, "Not a point: " + s, e);
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.contains(",");
        }
    }

    public static final class PointEncoder extends Logged implements Encoder.Text<Point> {
        @Override
        public String encode(Point point) {
            return point.x() + "," + point.y();
        }
    }

    public static final class VectorDecoder extends Logged implements Decoder.Binary<Vector> {
        @Override
        public Vector decode(ByteBuffer bytes) {
            return new Vector(bytes.getInt(), bytes.getInt());
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return bytes.remaining() == 8;
        }
    }

    public static final class VectorEncoder extends Logged implements Encoder.Binary<Vector> {
        @Override
        public ByteBuffer encode(Vector vector) {
            return ByteBuffer.allocate(8).putInt(vector.dx()).putInt(vector.dy()).flip();
        }
    }

    public static final class NoteDecoder extends Logged implements Decoder.TextStream<Note> {
        @Override
        public Note decode(Reader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[1024];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
            return new Note(text.toString());
        }
    }

    public static final class NoteEncoder extends Logged implements Encoder.TextStream<Note> {
        @Override
        public void encode(Note note, Writer writer) throws IOException {
            writer.write("note:" + note.text());
        }
    }

    public static final class BlobDecoder extends Logged implements Decoder.BinaryStream<Blob> {
        @Override
        public Blob decode(InputStream in) throws IOException {
            return new Blob(in.readAllBytes());
        }
    }

    public static final class BlobEncoder extends Logged implements Encoder.BinaryStream<Blob> {
        @Override
        public void encode(Blob blob, OutputStream out) throws IOException, EncodeException {
            out.write(blob.bytes());
            out.write(blob.bytes());
        }
    }
}
