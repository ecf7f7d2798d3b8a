// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.extension;

import dev.halyard.websocket.frame.CloseStatus;
import dev.halyard.websocket.frame.FrameHeader;
import dev.halyard.websocket.frame.FrameListener;
import dev.halyard.websocket.frame.OpCode;
import dev.halyard.websocket.frame.ProtocolException;
import dev.halyard.websocket.frame.Role;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692) for one connection: messages with RSV1 on their first frame are
 * inflated as they arrive, in pieces of at most {@link #PIECE} bytes, so the message limits further
 * on see inflated sizes piece by piece and a decompression bomb fails at its first piece past the
 * limit, never allocating its inflated size. Outgoing messages are compressed frame by frame with a
 * sync flush, the final 0x00 0x00 0xFF 0xFF removed at the end of each message (§7.2.1).
 *
 * <p>The zlib streams are made on first use and ended by {@link #release}, since their native
 * memory is not garbage collected. An idle connection holds no inflation buffer.
 */
public final class PerMessageDeflate implements Extension {

    /** Inflated bytes handed on per call. */
    static final int PIECE = 16 * 1024;
    /**
     * One inflation buffer per read-loop thread, taken for the length of a call: pieces are only lent to
     * the next listener for the duration of a call, so a connection holds a buffer only while it
     * inflates, and a message of 1 KiB does not cost 16 KiB of garbage.
     */
    private static final ThreadLocal<byte[]> PIECES = new ThreadLocal<>();
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    private final boolean resetDeflaterPerMessage;
    private final int threshold;

    /** Whether the outgoing message in progress is compressed; touched by the sending thread only. */
    private boolean compressingMessage;

    // Guarded by this.
    private Inflater inflater;
    private Deflater deflater;
    private boolean inflating;
    private boolean released;

    /**
     * @param role which side of the connection this is
     * @param threshold whole messages shorter than this many bytes go out uncompressed
     */
    public PerMessageDeflate(DeflateParameters agreed, Role role, int threshold) {
        boolean server = role == Role.SERVER;
        this.resetDeflaterPerMessage = server ? agreed.serverNoContextTakeover() : agreed.clientNoContextTakeover();
        // The inflater keeps its window whatever was agreed (COMPATIBILITY.md C9).
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return DeflateParameters.NAME;
    }

    @Override
    public int rsvBits() {
        return FrameHeader.RSV1;
    }

    /** With context takeover, the compressor carries state from one message to the next. */
    @Override
    public boolean keepsOutgoingState() {
        return !resetDeflaterPerMessage;
    }

    @Override
    public FrameListener inbound(FrameListener next) {
        return new Inflating(next);
    }

    /**
     * Compresses messages on their way out, a frame at a time; a whole message below the
     * threshold, or an empty one, goes out as it is. Called in send order by one thread at a time
     * (the session's sender holds its monitor), which also guards {@link #compressingMessage}.
     */
    @Override
    public OutgoingData outgoing(OutgoingData frame) {
        if (frame.opcode() != OpCode.CONTINUATION) {
            compressingMessage = !(frame.fin() && frame.payload().remaining() < Math.max(1, threshold));
        }
        if (!compressingMessage) {
            return frame;
        }
        ByteBuffer compressed = compress(frame.payload(), frame.fin());
        if (frame.fin()) {
            compressingMessage = false;
        }
        int bits = frame.opcode() == OpCode.CONTINUATION ? frame.rsv() : frame.rsv() | FrameHeader.RSV1;
        return new OutgoingData(frame.opcode(), frame.fin(), bits, compressed);
    }

    @Override
    public synchronized void release() {
        released = true;
        if (inflater != null && !inflating) {
            inflater.end();
            inflater = null;
        }
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }

    /** Whether both zlib streams are gone; for tests. */
    synchronized boolean isReleased() {
        return released && inflater == null && deflater == null;
    }

    /**
     * The inflater, marked in use: a release meanwhile (a close from another thread) leaves it to
     * {@link #endInflate}, since the read loop is inside it and hands pieces to the application.
     */
    private synchronized Inflater beginInflate() throws ProtocolException {
        if (released) {
            throw new ProtocolException(CloseStatus.NORMAL_CLOSURE, "The connection is closed");
        }
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        inflating = true;
        return inflater;
    }

    private synchronized void endInflate() {
        inflating = false;
        if (released && inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    /**
     * One frame's payload compressed with a sync flush; at the end of a message without its final
     * 0x00 0x00 0xFF 0xFF (§7.2.1). Holds the monitor, so a release waits for it.
     */
    private synchronized ByteBuffer compress(ByteBuffer payload, boolean endOfMessage) {
        if (released) {
            throw new IllegalStateException("The connection is closed; nothing more is compressed");
        }
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        }
        deflater.setInput(payload);
        byte[] out = new byte[Math.max(64, payload.remaining() + payload.remaining() / 1000 + 64)];
        int length = 0;
        while (true) {
            length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
            if (length < out.length) {
                break; // the flush is complete when the deflater did not fill the buffer
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (endOfMessage) {
            if (length >= 4 && out[length - 4] == 0 && out[length - 3] == 0 && out[length - 2] == (byte) 0xFF
                    && out[length - 1] == (byte) 0xFF) {
                length -= 4;
            } else if (length == 0) {
                // Nothing was pending since the last fragment's flush, so zlib wrote nothing: send the first
                // byte of an empty stored block, which the receiver's appended 0x00 0x00 0xFF 0xFF completes.
                out[0] = 0;
                length = 1;
            }
            if (resetDeflaterPerMessage) {
                deflater.reset();
            }
        }
        return ByteBuffer.wrap(out, 0, length);
    }

    /** Inflates compressed messages on their way in. Called by the read loop only. */
    private final class Inflating implements FrameListener {
        private final FrameListener next;
        private boolean inCompressedMessage;
        private byte[] piece;

        Inflating(FrameListener next) {
            this.next = next;
        }

        @Override
        public void onDataFrame(int opcode, boolean fin, int rsv, ByteBuffer payload, boolean frameEnd) throws ProtocolException {
            boolean compressed = (rsv & FrameHeader.RSV1) != 0;
            if (opcode == OpCode.CONTINUATION) {
                if (compressed) {
                    throw new ProtocolException(CloseStatus.PROTOCOL_ERROR,
                            "RSV1 set on a continuation frame; only a message's first frame marks compression (RFC 7692 §6.1)");
                }
            } else {
                inCompressedMessage = compressed;
            }
            int rest = rsv & ~FrameHeader.RSV1;
            if (!inCompressedMessage) {
                next.onDataFrame(opcode, fin, rest, payload, frameEnd);
                return;
            }
            Inflater zlib = beginInflate();
            // Taken for this call only: the application code the pieces reach may run a nested read loop.
            byte[] borrowed = PIECES.get();
            PIECES.set(null);
            piece = borrowed != null ? borrowed : new byte[PIECE];
            try {
                zlib.setInput(payload);
                drain(zlib, opcode, fin, rest, frameEnd && !fin);
                if (frameEnd && fin) {
                    zlib.setInput(TAIL); // put back what the sender removed (§7.2.2)
                    drain(zlib, opcode, true, rest, true);
                    inCompressedMessage = false;
                    if (zlib.finished()) {
                        zlib.reset(); // the peer ended its DEFLATE stream (BFINAL): the next message starts a new one
                    }
                }
            } finally {
                PIECES.set(piece);
                piece = null;
                endInflate();
            }
        }

        /**
         * Inflates all of the current input, handing it on in pieces; with {@code end}, the last
         * piece (possibly empty) ends the frame.
         */
        private void drain(Inflater zlib, int opcode, boolean fin, int rsv, boolean end) throws ProtocolException {
            try {
                boolean full;
                do {
                    int n = zlib.finished() ? 0 : zlib.inflate(piece);
                    full = n == piece.length; // a full piece may leave more output behind
                    if (n > 0 || (end && !full)) {
                        next.onDataFrame(opcode, fin, rsv, ByteBuffer.wrap(piece, 0, n), end && !full);
                    }
                } while (full);
            } catch (DataFormatException e) {
                throw new ProtocolException(CloseStatus.NOT_CONSISTENT, "Invalid compressed data: " + e.getMessage()
                        + " (RFC 7692 §7.2.2)");
            }
            if (zlib.finished() && zlib.getRemaining() > 0 && !(end && fin)) {
                throw new ProtocolException(CloseStatus.NOT_CONSISTENT,
                        "Compressed data continues after the end of the DEFLATE stream (RFC 7692 §7.2.2)");
            }
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) throws ProtocolException {
            next.onControlFrame(opcode, payload);
        }
    }
}
