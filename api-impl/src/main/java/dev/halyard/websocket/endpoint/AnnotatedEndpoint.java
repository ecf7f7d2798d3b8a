// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import dev.halyard.websocket.diagnostics.WarnOnce;
import dev.halyard.websocket.session.HalyardSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * One connection's annotated endpoint: the application's instance behind a Jakarta
 * {@link Endpoint}. On open it registers the {@code @OnMessage} methods with the session and calls
 * {@code @OnOpen}; what a method returns is sent back to the peer; errors reach {@code @OnError}.
 */
public final class AnnotatedEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoint.class.getName());
    /** Application errors that could repeat with every message: once per endpoint class and cause, then at DEBUG. */
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);

    private final AnnotatedEndpointModel model;
    private final Object instance;
    private CallContext context;

    AnnotatedEndpoint(AnnotatedEndpointModel model, Object instance) {
        this.model = model;
        this.instance = instance;
    }

    /** The application's endpoint object. */
    public Object instance() {
        return instance;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        context = CallContext.of(session, config);
        HalyardSession halyard = (HalyardSession) session;
        for (MessageMethod message : model.messageMethods()) {
            register(halyard, message);
        }
        if (model.onOpen() != null) {
            call(session, () -> model.onOpen().invoke(instance, context));
        }
    }

    private void register(HalyardSession session, MessageMethod message) {
        if (message.maxMessageSize() >= 0) {
            int limit = (int) message.maxMessageSize();
            if (message.takes(MessageSignature.Kind.TEXT)) {
                session.setMaxTextMessageBufferSize(limit);
            }
            if (message.takes(MessageSignature.Kind.BINARY)) {
                session.setMaxBinaryMessageBufferSize(limit);
            }
        }
        @SuppressWarnings("unchecked")
        Class<Object> payloadType = (Class<Object>) message.signature().payloadType();
        String owner = "@OnMessage " + EndpointMethod.describe(message.method().method());
        if (message.signature().partial()) {
            session.addPartialConsumer(payloadType, owner, (part, last) -> deliver(message, part, last));
        } else {
            session.addConsumer(payloadType, owner, payload -> deliver(message, payload, true));
        }
    }

    private void deliver(MessageMethod message, Object payload, boolean last) throws Throwable {
        Object result = message.method().invoke(instance, context, payload, last);
        if (message.returnsValue() && result != null) {
            reply(result);
        }
    }

    /** Sends an @OnMessage return value back to the peer (Jakarta WebSocket 2.2 §4.7). */
    private void reply(Object result) throws Exception {
        Session session = context.session();
        if (result instanceof String) {
            session.getBasicRemote().sendText((String) result);
        } else if (result instanceof ByteBuffer) {
            session.getBasicRemote().sendBinary((ByteBuffer) result);
        } else if (result instanceof byte[]) {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap((byte[]) result));
        } else {
            session.getBasicRemote().sendObject(result);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (model.onClose() != null) {
            CallContext closing = (context == null ? CallContext.of(session, null) : context).withCloseReason(closeReason);
            call(session, () -> model.onClose().invoke(instance, closing)); // its errors go to onError (§4.5)
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (model.onError() == null) {
            // A lost connection is the peer's doing, so at most one quiet line per session: a peer must
            // not be able to fill the log. Errors of the application's own code stay warnings.
            String message = "Unhandled error in " + model.type().getName() + "; add an @OnError method to handle it; " + session;
            if (error instanceof java.io.IOException) {
                LOG.log(System.Logger.Level.DEBUG, message, error);
            } else {
                WARNINGS.log(model.type().getName() + " " + error.getClass().getName(), message, error);
            }
            return;
        }
        CallContext failing = (context == null ? CallContext.of(session, null) : context).withError(error);
        try {
            model.onError().invoke(instance, failing);
        } catch (Throwable t) {
            WARNINGS.log("@OnError " + model.type().getName(), "@OnError method of " + model.type().getName() + " threw; " + session,
                    t);
        }
    }

    /** Runs a lifecycle method, handing what it throws, checked or not, to onError as it is. */
    private void call(Session session, Invocation invocation) {
        try {
            invocation.run();
        } catch (Throwable t) {
            onError(session, t);
        }
    }

    @FunctionalInterface
    private interface Invocation {
        Object run() throws Throwable;
    }
}
