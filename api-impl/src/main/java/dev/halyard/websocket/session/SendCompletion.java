// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

/** What waits on one queued frame: a blocked sender, a {@code SendHandler}, a {@code Future}. */
interface SendCompletion {

    void succeeded();

    void failed(Throwable cause);

    /**
     * Whether telling it runs the application's code (a {@code SendHandler}), which may block: such
     * completions never run on the thread that finishes a write, which must not wait behind
     * application code (see {@link CallbackLane}).
     */
    default boolean callsApplication() {
        return false;
    }

    SendCompletion NONE = new SendCompletion() {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed(Throwable cause) {
        }
    };
}
