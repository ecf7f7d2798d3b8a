// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.frame.OpCode;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Blocking sends: each returns once its frame is written (or batched), or throws. Safe from any
 * number of threads at once, and from inside message handlers: the read loop runs on an executor
 * thread, never on a container IO thread, so waiting here cannot stop the write it waits for.
 */
final class BasicRemote extends RemoteSupport implements RemoteEndpoint.Basic {

    BasicRemote(SendContext context, Outbound outbound) {
        super(context, outbound);
    }

    @Override
    public void sendText(String text) throws IOException {
        requireArgument(text, "Text");
        context.checkOpen();
        BlockingSend send = new BlockingSend();
        outbound.sendWhole(OpCode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), send, false, null);
        awaitUnlessBatching(send);
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        requireArgument(data, "Binary data");
        context.checkOpen();
        BlockingSend send = new BlockingSend();
        outbound.sendWhole(OpCode.BINARY, data, send, false, null);
        awaitUnlessBatching(send);
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) throws IOException {
        requireArgument(partialMessage, "Text");
        context.checkOpen();
        BlockingSend send = new BlockingSend();
        outbound.sendTextPart(partialMessage, isLast, send);
        awaitUnlessBatching(send);
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) throws IOException {
        requireArgument(partialByte, "Binary data");
        context.checkOpen();
        BlockingSend send = new BlockingSend();
        outbound.sendBinaryPart(partialByte, isLast, send);
        awaitUnlessBatching(send);
    }

    @Override
    public OutputStream getSendStream() throws IOException {
        context.checkOpen();
        return new MessageOutputStream(this);
    }

    @Override
    public Writer getSendWriter() throws IOException {
        context.checkOpen();
        return new MessageWriter(this);
    }

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        requireArgument(data, "The object");
        Object encoded = context.encoder().encode(data);
        if (encoded instanceof String) {
            sendText((String) encoded);
        } else {
            sendBinary((ByteBuffer) encoded);
        }
    }

    /** With batching allowed, a send completes once it is in the batch (RemoteEndpoint.setBatchingAllowed). */
    private void awaitUnlessBatching(BlockingSend send) throws IOException {
        if (!getBatchingAllowed()) {
            await(send);
        }
    }
}
