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
 * The frames of one gathering write and the buffers that carry them: a header and a payload per
 * frame, the headers written into one buffer this write reuses. Touched only by the thread that
 * flushes the {@link SendQueue}, or by the completion it awaits.
 */
final class GatheringWrite {

    /** Frames per gathering write. */
    static final int MAX_FRAMES = 32;

    private final FrameWriter writer;
    private final List<OutgoingFrame> frames = new ArrayList<>(MAX_FRAMES);
    private final ByteBuffer headers = ByteBuffer.allocate(MAX_FRAMES * FrameHeader.MAX_LENGTH);
    private final ByteBuffer[] buffers = new ByteBuffer[MAX_FRAMES * 2];
    private ByteBuffer[] headerViews = new ByteBuffer[0];
    private int bufferCount;

    GatheringWrite(FrameWriter writer) {
        this.writer = writer;
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

    void clear() {
        frames.clear();
    }

    /** Writes the headers and lines up header and payload buffers, masking copies of the payloads on a client. */
    void prepare() {
        headers.clear();
        int b = 0;
        for (OutgoingFrame frame : frames) {
            int start = headers.position();
            int key = writer.writeHeader(headers, frame.fin, frame.rsv, frame.opcode, frame.length);
            buffers[b] = headerView(b / 2, start, headers.position());
            b++;
            ByteBuffer payload = frame.payload;
            if (writer.masks()) {
                // The caller's buffer must not change, so a client masks a copy (RFC 6455 §5.3).
                ByteBuffer masked = ByteBuffer.allocate(frame.length);
                Masking.maskCopy(payload, masked, frame.length, key, 0);
                payload = masked.flip();
            }
            buffers[b++] = payload;
        }
        bufferCount = b;
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
