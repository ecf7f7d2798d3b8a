// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.io.IOException;
import java.io.Writer;

/**
 * {@code getSendWriter()}: characters written become the parts of one text message, sent each
 * time the buffer fills or on {@code flush()}; {@code close()} sends the last part.
 */
final class MessageWriter extends Writer {

    private static final int BUFFER_CHARS = 4 * 1024;

    private final BasicRemote remote;
    private final StringBuilder buffer = new StringBuilder(BUFFER_CHARS);
    private boolean closed;

    MessageWriter(BasicRemote remote) {
        this.remote = remote;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, chars.length);
        checkOpen();
        while (length > 0) {
            int n = Math.min(length, BUFFER_CHARS - buffer.length());
            buffer.append(chars, offset, n);
            offset += n;
            length -= n;
            if (buffer.length() == BUFFER_CHARS) {
                sendPart(false);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
        if (buffer.length() > 0) {
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
        String part = buffer.toString();
        buffer.setLength(0);
        remote.sendText(part, last); // Outbound keeps a surrogate pair split between parts whole
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("The message writer is closed");
        }
    }
}
