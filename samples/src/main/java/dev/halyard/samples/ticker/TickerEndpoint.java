// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.ticker;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Server push: while anyone is subscribed, a price tick goes to every subscriber each second. The
 * timer runs only while there are subscribers.
 */
@ServerEndpoint("/ticker")
public class TickerEndpoint {

    private static final Set<Session> SUBSCRIBERS = ConcurrentHashMap.newKeySet();
    /**
     * The timer thread, only while there are subscribers: when the last one leaves (as when the
     * application stops and its sessions close with 1001) the thread ends, so an undeployed WAR
     * leaves no thread behind holding its class loader.
     */
    private static ScheduledExecutorService timer;
    private static double price = 100.0;

    @OnOpen
    public void subscribe(Session session) {
        SUBSCRIBERS.add(session);
        synchronized (TickerEndpoint.class) {
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "sample-ticker");
                    thread.setDaemon(true);
                    return thread;
                });
                timer.scheduleAtFixedRate(TickerEndpoint::tick, 0, 1, TimeUnit.SECONDS);
            }
        }
    }

    @OnClose
    public void unsubscribe(Session session) {
        SUBSCRIBERS.remove(session);
        synchronized (TickerEndpoint.class) {
            if (SUBSCRIBERS.isEmpty() && timer != null) {
                timer.shutdownNow();
                timer = null;
            }
        }
    }

    private static void tick() {
        price = Math.max(1, price + ThreadLocalRandom.current().nextGaussian());
        String tick = String.format(Locale.ROOT, "HALY %.2f", price);
        for (Session session : SUBSCRIBERS) {
            if (session.isOpen()) {
                session.getAsyncRemote().sendText(tick);
            }
        }
    }
}
