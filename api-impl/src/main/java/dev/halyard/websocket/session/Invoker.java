package dev.halyard.websocket.session;

/**
 * Calls into the application one call at a time per session (Jakarta WebSocket 2.2 §5.1), and
 * routes what the call throws to the endpoint's error handling.
 */
interface Invoker {

    void invoke(Call call);

    @FunctionalInterface
    interface Call {
        void run() throws Throwable;
    }
}
