// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * {@code getSendStream()}: bytes written become the parts of one binary message, sent each time
 * the buffer fills or on {@code flush()}; {@code close()} sends the last part.
 */
final class MessageOutputStream extends OutputStream {

    private static final int BUFFER_BYTES = 8 * 1024;

    private final BasicRemote remote;
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int count;
    private boolean closed;

    MessageOutputStream(BasicRemote remote) {
        this.remote = remote;
    }

    @Override
    public void write(int b) throws IOException {
        checkOpen();
        if (count == buffer.length) {
            sendPart(false);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        checkOpen();
        while (length > 0) {
            if (count == buffer.length) {
                sendPart(false);
            }
            int n = Math.min(length, buffer.length - count);
            System.arraycopy(bytes, offset, buffer, count, n);
            count += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
        if (count > 0) {
            sendPart(false);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        sendPart(true);
    }

    private void sendPart(boolean last) throws IOException {
        ByteBuffer part = ByteBuffer.wrap(buffer, 0, count);
        buffer = last ? null : new byte[BUFFER_BYTES]; // the sent array may still be in the queue
        count = 0;
        remote.sendBinary(part, last);
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("The message stream is closed");
        }
    }
}
