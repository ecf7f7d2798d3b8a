// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The write side of one {@link Connection}: the opening handshake's request, then the frames of
 * its {@link OutboundFrames}, through one buffer allocated at the first frame (an idle
 * connection never needs it), for as long as a non-blocking channel takes them. What the channel
 * did not take stays here for the next call. It counts the frame bytes written, headers and
 * masks included; the handshake's are not counted.
 */
final class ChannelWriter {

    private final int capacity;
    private ByteBuffer request; // the handshake request not yet written, or null
    private ByteBuffer out; // frames filled and not yet written between position and limit
    private long written;

    /** @param capacity bytes of the frame buffer */
    ChannelWriter(int capacity) {
        this.capacity = capacity;
    }

    /** Writes {@code bytes} before any frame: the opening handshake's request. */
    void request(byte[] bytes) {
        request = ByteBuffer.wrap(bytes);
    }

    /**
     * Writes the request and then the pending frames of {@code frames} (null: none yet) until the
     * channel takes no more or nothing is left. Returns whether everything was written; when not,
     * the caller waits for the channel to be writable and calls again.
     */
    boolean write(WritableByteChannel channel, OutboundFrames frames) throws IOException {
        if (request != null) {
            channel.write(request);
            if (request.hasRemaining()) {
                return false;
            }
            request = null;
        }
        while (frames != null) {
            if (out == null || !out.hasRemaining()) {
                if (!frames.hasPending()) {
                    break;
                }
                if (out == null) {
                    out = ByteBuffer.allocate(capacity);
                }
                out.clear();
                frames.fill(out);
                out.flip();
            }
            written += channel.write(out);
            if (out.hasRemaining()) {
                return false;
            }
        }
        return true;
    }

    /** Frame bytes written so far. */
    long written() {
        return written;
    }
}
