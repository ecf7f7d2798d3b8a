// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.FrameHeader;
import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.Masking;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames of one gathering write and the buffers that carry them. Touched only by the thread that
 * flushes the {@link SendQueue}, or by the completion it awaits.
 *
 * <p>A server's write is a header and a payload per frame, the headers written into one buffer this
 * write reuses, the payloads the senders' own buffers. A client must mask, and the caller's buffer must
 * not change (RFC 6455 §5.3), so it writes headers and masked payloads into one pooled
 * {@link ReadBuffers} buffer, held while the queue is busy and given back when it goes idle: a frame
 * longer than what is left of that buffer goes out in several writes, and only the frames a write
 * ends are {@linkplain #written() written} by it; the others stay for the next.
 */
final class GatheringWrite {

    /** Frames per gathering write. */
    static final int MAX_FRAMES = 32;

    private final FrameWriter writer;
    /** The frames taken from the queue and not yet written; a client's first may be partly written. */
    private final List<OutgoingFrame> frames = new ArrayList<>(MAX_FRAMES);
    private final ByteBuffer[] buffers = new ByteBuffer[MAX_FRAMES * 2];
    private int bufferCount;
    /** How many of {@link #frames}, from the first, the prepared write ends. */
    private int ending;

    // A server's headers.
    private final ByteBuffer headers;
    private ByteBuffer[] headerViews = new ByteBuffer[0];

    // A client's masked frames.
    /** Headers and masked payloads of the prepared write; null while the queue is idle. */
    private ByteBuffer masked;
    /** Payload bytes of the first frame that earlier writes carried, its header with them; 0 when none. */
    private int firstSent;
    /** The masking key of a first frame that earlier writes began. */
    private int firstKey;

    GatheringWrite(FrameWriter writer) {
        this.writer = writer;
        this.headers = writer.masks() ? null : ByteBuffer.allocate(MAX_FRAMES * FrameHeader.MAX_LENGTH);
    }

    List<OutgoingFrame> frames() {
        return frames;
    }

    boolean isFull() {
        return frames.size() == MAX_FRAMES;
    }

    /** Frames the next write will carry; call {@link #prepare} once they are all added. */
    void add(OutgoingFrame frame) {
        frames.add(frame);
    }

    /** Forgets every frame, written or not: their senders have been told. */
    void clear() {
        frames.clear();
        firstSent = 0;
    }

    /** The frames the finished write ended: whole frames, their last byte written. */
    List<OutgoingFrame> written() {
        return ending == frames.size() ? frames : frames.subList(0, ending);
    }

    /** Forgets the frames the finished write ended; those it did not end stay, in order, for the next write. */
    void dropWritten() {
        if (ending == frames.size()) {
            frames.clear();
        } else {
            for (int i = 0; i < ending; i++) {
                frames.remove(0); // at most MAX_FRAMES, and only after a write that ended within a frame
            }
        }
        ending = 0;
    }

    /** The queue went idle: a client's masking buffer goes back to the pool. */
    void idle() {
        if (masked != null) {
            ReadBuffers.release(masked);
            masked = null;
        }
    }

    /** Lines up the buffers of the next write: all frames on a server, as many as one masking buffer takes on a client. */
    void prepare() {
        if (writer.masks()) {
            prepareMasked();
        } else {
            prepareUnmasked();
        }
    }

    private void prepareUnmasked() {
        headers.clear();
        int b = 0;
        for (OutgoingFrame frame : frames) {
            int start = headers.position();
            writer.writeHeader(headers, frame.fin, frame.rsv, frame.opcode, frame.length);
            buffers[b] = headerView(b / 2, start, headers.position());
            buffers[b + 1] = frame.payload;
            b += 2;
        }
        bufferCount = b;
        ending = frames.size();
    }

    /** Headers and masked copies of the payloads, in order, until the masking buffer is full. */
    private void prepareMasked() {
        if (masked == null) {
            masked = ReadBuffers.acquire();
        }
        masked.clear();
        ending = 0;
        for (OutgoingFrame frame : frames) {
            boolean begun = ending == 0 && firstSent > 0;
            int sent = begun ? firstSent : 0;
            int key = firstKey;
            if (!begun) {
                if (masked.remaining() < FrameHeader.MAX_LENGTH + 1) {
                    break; // a header alone would say nothing: the frame starts in the next write
                }
                key = writer.writeHeader(masked, frame.fin, frame.rsv, frame.opcode, frame.length);
            }
            int n = Math.min(frame.length - sent, masked.remaining());
            Masking.maskCopy(frame.payload, masked, n, key, sent & 3); // advances the payload's position, as a write does
            if (sent + n < frame.length) {
                firstSent = sent + n; // the rest goes in the next write, this frame first
                firstKey = key;
                break;
            }
            firstSent = 0;
            ending++;
        }
        buffers[0] = masked.flip();
        bufferCount = 1;
    }

    ByteBuffer[] buffers() {
        return buffers;
    }

    int bufferCount() {
        return bufferCount;
    }

    /**
     * A view of {@code headers[start, end)}: the views are made as writes first need them and kept,
     * so a busy connection allocates none per frame and an idle one holds only as many as it used.
     */
    private ByteBuffer headerView(int slot, int start, int end) {
        if (slot == headerViews.length) {
            headerViews = Arrays.copyOf(headerViews, slot + 1);
            headerViews[slot] = headers.duplicate();
        }
        ByteBuffer view = headerViews[slot];
        view.limit(end).position(start);
        return view;
    }
}
