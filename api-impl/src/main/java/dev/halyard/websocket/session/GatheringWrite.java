// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.FrameHeader;
import dev.halyard.websocket.frame.FrameWriter;
import dev.halyard.websocket.frame.Masking;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of one gathering write and the buffers that carry them. Touched only by the thread that
 * flushes the {@link SendQueue}, or by the completion it awaits.
 *
 * <p>Both sides write from a pooled buffer, held while the queue is busy and given back when it
 * goes idle, so an idle connection holds none; a server's is direct when its transport writes to a
 * socket channel, so that the JDK does not copy it again. A server writes its headers into a small
 * one ({@link #STAGING_BYTES}, so that a connection whose peer stopped reading pins little more
 * than its own frames), and the payloads of small frames after them, so that a small message is one buffer
 * and one plain write; a larger payload goes out from the sender's own buffer, between the stretches
 * of the pooled one. A client must mask, and the caller's buffer must not change (RFC 6455 §5.3),
 * so it writes headers and masked payloads into a {@link ReadBuffers} buffer: a frame longer than
 * what is left of it goes out in several writes, and only the frames a write ends are
 * {@linkplain #written() written} by it; the others stay for the next.
 */
final class GatheringWrite {

    /** Frames per gathering write. */
    static final int MAX_FRAMES = 32;
    /**
     * A server copies a payload up to this long next to its header: one buffer less to gather costs
     * the socket write more than copying this many bytes (the JDK copies heap buffers anyway).
     */
    static final int COPIED_PAYLOAD = 1024;
    /** Room a server keeps in its pooled buffer for the headers of a full batch, however many payloads it copied. */
    private static final int HEADER_ROOM = MAX_FRAMES * FrameHeader.MAX_LENGTH;
    /** A server's pooled buffer: every header of a full batch, and a copied payload of the longest kind. */
    static final int STAGING_BYTES = 2048;
    static final BufferPool STAGING = new BufferPool(STAGING_BYTES, 256, false);
    /** The same, outside the heap, for transports that write to socket channels (Transport.prefersDirectBuffers). */
    static final BufferPool DIRECT_STAGING = new BufferPool(STAGING_BYTES, 256, true);

    private final FrameWriter writer;
    /**
     * Where {@link #pooled} comes from: {@link ReadBuffers}' for a client, which masks into it;
     * {@link #STAGING} or {@link #DIRECT_STAGING} for a server.
     */
    private final BufferPool pool;
    /** The frames taken from the queue and not yet written; a client's first may be partly written. */
    private final List<OutgoingFrame> frames = new ArrayList<>(MAX_FRAMES);
    private final ByteBuffer[] buffers = new ByteBuffer[MAX_FRAMES * 2];
    private int bufferCount;
    /** How many of {@link #frames}, from the first, the prepared write ends. */
    private int ending;
    /** The pooled buffer of the prepared write: headers, and small or masked payloads; null while the queue is idle. */
    private ByteBuffer pooled;

    // A client's masked frames.
    /** Payload bytes of the first frame that earlier writes carried, its header with them; 0 when none. */
    private int firstSent;
    /** The masking key of a first frame that earlier writes began. */
    private int firstKey;

    /** @param direct whether a server stages its frames outside the heap ({@link Transport#prefersDirectBuffers}) */
    GatheringWrite(FrameWriter writer, boolean direct) {
        this.writer = writer;
        this.pool = writer.masks() ? ReadBuffers.POOL : direct ? DIRECT_STAGING : STAGING;
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

    /** The queue went idle: the pooled buffer goes back. */
    void idle() {
        if (pooled != null) {
            pool.release(pooled);
            pooled = null;
        }
    }

    /** Lines up the buffers of the next write: all frames on a server, as many as one masking buffer takes on a client. */
    void prepare() {
        if (pooled == null) {
            pooled = pool.acquire();
        }
        pooled.clear();
        if (writer.masks()) {
            prepareMasked();
        } else {
            prepareUnmasked();
        }
    }

    /**
     * Headers, and the small payloads after their headers, into the pooled buffer; each larger
     * payload is its own buffer, and ends the stretch of the pooled one before it.
     */
    private void prepareUnmasked() {
        int b = 0;
        int stretch = 0;
        for (OutgoingFrame frame : frames) {
            writer.writeHeader(pooled, frame.fin, frame.rsv, frame.opcode, frame.length);
            ByteBuffer payload = frame.payload;
            int n = payload.remaining();
            if (n <= COPIED_PAYLOAD && pooled.remaining() - n >= HEADER_ROOM) {
                int at = payload.position();
                pooled.put(pooled.position(), payload, at, n).position(pooled.position() + n);
                payload.position(at + n); // as a write would leave it
            } else {
                buffers[b++] = pooledFrom(stretch);
                buffers[b++] = payload;
                stretch = pooled.position();
            }
        }
        if (stretch == 0) {
            buffers[0] = pooled.flip(); // the common case: everything in one buffer
            b = 1;
        } else if (pooled.position() > stretch) {
            buffers[b++] = pooledFrom(stretch);
        }
        bufferCount = b;
        ending = frames.size();
    }

    /** What the server wrote into the pooled buffer from {@code from} on, as a buffer of its own. */
    private ByteBuffer pooledFrom(int from) {
        return pooled.duplicate().limit(pooled.position()).position(from);
    }

    /** Headers and masked copies of the payloads, in order, until the masking buffer is full. */
    private void prepareMasked() {
        ByteBuffer masked = pooled;
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
}
