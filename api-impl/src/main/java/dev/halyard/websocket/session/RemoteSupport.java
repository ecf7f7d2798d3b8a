// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.diagnostics.FlightEvents;
import dev.halyard.websocket.diagnostics.SlowSendEvent;
import dev.halyard.websocket.frame.OpCode;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/** What {@link BasicRemote} and {@link AsyncRemote} share: batching, pings and pongs. */
abstract class RemoteSupport implements RemoteEndpoint {

    final SendContext context;
    final Outbound outbound;
    private volatile boolean batching;

    RemoteSupport(SendContext context, Outbound outbound) {
        this.context = context;
        this.outbound = outbound;
    }

    @Override
    public void setBatchingAllowed(boolean allowed) throws IOException {
        batching = allowed;
        outbound.setBatching(allowed);
    }

    @Override
    public boolean getBatchingAllowed() {
        return batching;
    }

    @Override
    public void flushBatch() throws IOException {
        context.checkOpen();
        outbound.flushBatch();
    }

    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException {
        sendControl(OpCode.PING, applicationData);
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException {
        sendControl(OpCode.PONG, applicationData);
    }

    private void sendControl(int opcode, ByteBuffer data) throws IOException {
        if (data == null) {
            throw new IllegalArgumentException(OpCode.name(opcode) + " application data must not be null");
        }
        context.checkOpen();
        BlockingSend send = new BlockingSend();
        outbound.sendControl(opcode, data, send);
        await(send);
    }

    /** Waits for a blocking send; a timeout ends the session, since the frame may be half written. */
    void await(BlockingSend send) throws IOException {
        SlowSendEvent slow = FlightEvents.blockingSendStarted();
        String outcome = FlightEvents.SEND_FAILED;
        try {
            send.await(context.blockingSendTimeoutMillis());
            outcome = FlightEvents.SEND_WRITTEN;
        } catch (java.net.SocketTimeoutException e) {
            outbound.countSendTimeout();
            outcome = FlightEvents.SEND_TIMED_OUT;
            context.failAfterSendTimeout(e);
            throw e;
        } finally {
            FlightEvents.blockingSendEnded(slow, context.session(), outcome);
        }
    }

    static <T> T requireArgument(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
