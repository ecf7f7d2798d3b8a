// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import dev.halyard.websocket.diagnostics.WarnOnce;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import java.io.IOException;

/**
 * The session's calls into its endpoint, one at a time (Jakarta WebSocket 2.2 §5.1): what a call
 * throws goes to the endpoint's {@code onError}, and is logged when the endpoint has no error
 * handling of its own.
 */
final class ApplicationCalls implements Invoker {

    private static final System.Logger LOG = System.getLogger(HalyardSession.class.getName());
    /** An endpoint whose code fails with every message must not fill the log: once per endpoint class and cause. */
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);

    private final Endpoint endpoint;
    private final Session session;
    private final Object lock = new Object();

    ApplicationCalls(Endpoint endpoint, Session session) {
        this.endpoint = endpoint;
        this.session = session;
    }

    @Override
    public void invoke(Call call) {
        synchronized (lock) {
            try {
                call.run();
            } catch (Throwable t) {
                handle(t);
            }
        }
    }

    @Override
    public <T> void deliver(MessageConsumer<T> consumer, T message) {
        synchronized (lock) {
            try {
                consumer.accept(message);
            } catch (Throwable t) {
                handle(t);
            }
        }
    }

    /** Tells the endpoint's onError of {@code error}, as a call of its own. */
    void reportError(Throwable error) {
        synchronized (lock) {
            handle(error);
        }
    }

    private void handle(Throwable error) {
        try {
            endpoint.onError(session, error);
        } catch (Throwable t) {
            WARNINGS.log("onError " + endpoint.getClass().getName(), "onError of " + endpoint.getClass().getName() + " threw; "
                    + session, t);
        }
        if (!OnErrorOverride.of(endpoint.getClass())) {
            // As for annotated endpoints: a lost connection (the peer's doing) quietly, the application's errors loudly, once.
            String message = "Unhandled error in " + endpoint.getClass().getName() + "; override onError to handle it; " + session;
            if (error instanceof IOException) {
                LOG.log(System.Logger.Level.DEBUG, message, error);
            } else {
                WARNINGS.log(endpoint.getClass().getName() + " " + error.getClass().getName(), message, error);
            }
        }
    }

    /** Whether an endpoint class overrides {@code onError}; found once per class. */
    private static final class OnErrorOverride {
        private static final ClassValue<Boolean> OVERRIDES = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                try {
                    return type.getMethod("onError", Session.class, Throwable.class).getDeclaringClass() != Endpoint.class;
                } catch (NoSuchMethodException e) {
                    return false;
                }
            }
        };

        static boolean of(Class<?> type) {
            return OVERRIDES.get(type);
        }
    }
}
