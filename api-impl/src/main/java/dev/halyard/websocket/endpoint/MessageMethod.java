package dev.halyard.websocket.endpoint;

/**
 * An {@code @OnMessage} method: which native messages it takes, in what shape, and its size limit.
 *
 * @param payloadType the payload parameter's type (a primitive stays primitive)
 * @param text whether it takes text messages
 * @param binary whether it takes binary messages (a decoded type may take both)
 * @param maxMessageSize {@code @OnMessage.maxMessageSize}, -1 for none
 */
record MessageMethod(EndpointMethod method, Class<?> payloadType, boolean partial, boolean text, boolean binary,
        boolean pong, long maxMessageSize, boolean returnsValue) {
}
