// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.diagnostics.FlightEvents;
import dev.halyard.websocket.frame.OpCode;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous sends: each is queued at once and its outcome told later. The queued bytes are
 * bounded (see {@link SessionDefaults#MAX_SEND_BACKLOG_BYTES}); past the bound a send fails at
 * once with an {@link IOException}. A send not written within the send timeout fails with a
 * {@link SocketTimeoutException}: taken back if it had not started, otherwise the session is
 * closed, since the frame is half written. The timeout is per message, the one set when the send
 * starts, counted from then or, while batching, from the flush (Jakarta WebSocket 2.3;
 * COMPATIBILITY.md C21).
 */
final class AsyncRemote extends RemoteSupport implements RemoteEndpoint.Async {

    private volatile long sendTimeoutMillis;

    AsyncRemote(SendContext context, Outbound outbound, long sendTimeoutMillis) {
        super(context, outbound);
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    @Override
    public long getSendTimeout() {
        return sendTimeoutMillis;
    }

    @Override
    public void setSendTimeout(long timeoutmillis) {
        this.sendTimeoutMillis = timeoutmillis;
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        requireArgument(handler, "SendHandler");
        send(OpCode.TEXT, encodeText(text), new AsyncSend(context.session(), handler));
    }

    @Override
    public Future<Void> sendText(String text) {
        AsyncSend send = new AsyncSend(context.session(), null);
        send(OpCode.TEXT, encodeText(text), send);
        return send;
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        requireArgument(data, "Binary data");
        AsyncSend send = new AsyncSend(context.session(), null);
        send(OpCode.BINARY, data, send);
        return send;
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        requireArgument(data, "Binary data");
        requireArgument(handler, "SendHandler");
        send(OpCode.BINARY, data, new AsyncSend(context.session(), handler));
    }

    @Override
    public Future<Void> sendObject(Object data) {
        AsyncSend send = new AsyncSend(context.session(), null);
        sendObject(data, send);
        return send;
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        requireArgument(handler, "SendHandler");
        sendObject(data, new AsyncSend(context.session(), handler));
    }

    private void sendObject(Object data, AsyncSend send) {
        requireArgument(data, "The object");
        Object encoded;
        try {
            encoded = context.encoder().encode(data);
        } catch (EncodeException | IOException | RuntimeException e) {
            send.failed(e);
            return;
        }
        if (encoded instanceof String) {
            send(OpCode.TEXT, encodeText((String) encoded), send);
        } else {
            send(OpCode.BINARY, (ByteBuffer) encoded, send);
        }
    }

    private static ByteBuffer encodeText(String text) {
        return ByteBuffer.wrap(requireArgument(text, "Text").getBytes(StandardCharsets.UTF_8));
    }

    private void send(int opcode, ByteBuffer payload, AsyncSend send) {
        try {
            context.checkOpen();
            long timeout = sendTimeoutMillis;
            OutgoingFrame frame = outbound.sendWhole(opcode, payload, send, true, timeout <= 0 ? null : queued -> {
                if (!send.isDone()) {
                    Timers.schedule(() -> timeOut(queued, send, timeout), timeout, TimeUnit.MILLISECONDS);
                }
            });
            if (FlightEvents.backlogWatched() && !send.isDone()) {
                FlightEvents.backlogGrew(context.session(), outbound.queue().unsentBytes(), frame.length,
                        outbound.queue().maxBacklogBytes());
            }
        } catch (IOException | RuntimeException e) {
            send.failed(e);
        }
    }

    private void timeOut(OutgoingFrame frame, AsyncSend send, long timeout) {
        if (send.isDone()) {
            return;
        }
        SocketTimeoutException timedOut = new SocketTimeoutException(
                "The message was not written within the send timeout of " + timeout + " ms");
        if (outbound.canWithdraw() && outbound.queue().withdraw(frame)) {
            outbound.countSendTimeout();
            send.failed(timedOut);
        } else if (send.tryFail(timedOut)) {
            outbound.countSendTimeout();
            context.failAfterSendTimeout(timedOut); // half written: the session cannot go on
        }
    }
}
