package dev.halyard.websocket.session;

/** What waits on one queued frame: a blocked sender, a {@code SendHandler}, a {@code Future}. */
interface SendCompletion {

    void succeeded();

    void failed(Throwable cause);

    SendCompletion NONE = new SendCompletion() {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed(Throwable cause) {
        }
    };
}
