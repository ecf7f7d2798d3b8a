// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.diagnostics.WarnOnce;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.concurrent.CompletableFuture;

/** An asynchronous send's outcome, told once: to its {@code SendHandler}, or through the {@code Future}. */
final class AsyncSend extends CompletableFuture<Void> implements SendCompletion {

    /** A SendHandler that throws does so for every message: warned once per handler class, then at DEBUG. */
    private static final WarnOnce WARNINGS = new WarnOnce(System.getLogger(AsyncSend.class.getName()));

    private final Session session;
    private final SendHandler handler;

    AsyncSend(Session session, SendHandler handler) {
        this.session = session;
        this.handler = handler;
    }

    @Override
    public void succeeded() {
        if (complete(null) && handler != null) {
            tell(new SendResult(session));
        }
    }

    @Override
    public void failed(Throwable cause) {
        tryFail(cause);
    }

    @Override
    public boolean callsApplication() {
        return handler != null;
    }

    /** Fails the send unless it has already completed; returns whether this call completed it. */
    boolean tryFail(Throwable cause) {
        if (!completeExceptionally(cause)) {
            return false;
        }
        if (handler != null) {
            tell(new SendResult(session, cause));
        }
        return true;
    }

    private void tell(SendResult result) {
        try {
            handler.onResult(result);
        } catch (RuntimeException e) {
            WARNINGS.log(handler.getClass().getName(), "SendHandler " + handler.getClass().getName() + " threw; " + session, e);
        }
    }

    /** A Future of a send cannot be cancelled once accepted: the frame may already be on the wire. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }
}
