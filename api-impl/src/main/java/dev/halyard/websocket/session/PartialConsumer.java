package dev.halyard.websocket.session;

/** Application code that takes a message in parts: a {@code MessageHandler.Partial} or a partial {@code @OnMessage}. */
@FunctionalInterface
public interface PartialConsumer<T> {

    void accept(T part, boolean last) throws Throwable;
}
