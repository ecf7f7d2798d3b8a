// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.tomcat;

import dev.halyard.websocket.io.SelectorLoop;
import dev.halyard.websocket.session.ElasticPool;
import jakarta.servlet.ServletContext;
import java.util.concurrent.Executor;

/**
 * An application's selector for the connections it reads directly, kept in its servlet context: one
 * per application, because the selector lends its selecting to the threads of the application's
 * executor, which then run the read loops of the sockets they find ready (SelectorLoop). A read loop
 * must only ever run on its own application's threads (their class loader, their pool's bound).
 * The selector's thread ends a while after the application's last such connection, so an
 * application that stops leaves none behind.
 */
record ApplicationSelector(Executor executor, SelectorLoop loop) {

    private static final String ATTRIBUTE = ApplicationSelector.class.getName();
    /** Guards the attribute's check and set; taken once per handshake, briefly. */
    private static final Object LOCK = new Object();

    /** The selector for {@code executor}'s connections in {@code context}, made with the first of them. */
    static SelectorLoop of(ServletContext context, Executor executor) {
        synchronized (LOCK) {
            if (context.getAttribute(ATTRIBUTE) instanceof ApplicationSelector held && held.executor == executor) {
                return held.loop;
            }
            // The executor's threads are lent the selecting only where they can be had idle, without queueing.
            SelectorLoop.Workers workers = executor instanceof ElasticPool pool ? pool::runOnIdleThread : null;
            SelectorLoop loop = new SelectorLoop("halyard-tomcat-selector", workers, () -> { }, () -> { });
            // A new executor (the application switched to virtual threads) gets a selector of its own.
            context.setAttribute(ATTRIBUTE, new ApplicationSelector(executor, loop));
            return loop;
        }
    }
}
