// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A virtual thread per task, on Java 21 and later, for containers told to run read loops and
 * application callbacks that way ({@code halyard.virtualThreads}). Halyard is built for Java 17, so
 * the JDK's builder is reached by reflection. Each task runs with the application's context class
 * loader, as on the pooled threads (a virtual thread would take its creator's: on Jetty, a selector's).
 */
final class VirtualThreads extends AbstractExecutorService {

    private final ExecutorService threads;
    private final ClassLoader application;

    private VirtualThreads(ExecutorService threads, ClassLoader application) {
        this.threads = threads;
        this.application = application;
    }

    /** Whether this Java runs virtual threads. */
    static boolean available() {
        return factory("probe") != null;
    }

    /** An executor of virtual threads named {@code name-N}, or null before Java 21. */
    static ExecutorService create(String name) {
        ThreadFactory factory = factory(name);
        if (factory == null) {
            return null;
        }
        try {
            ExecutorService perTask = (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                    .invoke(null, factory);
            return new VirtualThreads(perTask, Thread.currentThread().getContextClassLoader());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static ThreadFactory factory(String name) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, name + "-", 1L);
            return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // Java 17 to 20
        }
    }

    @Override
    public void execute(Runnable task) {
        if (threads.isShutdown()) {
            return; // as the pools: work handed over after shutdown is dropped
        }
        try {
            threads.execute(() -> {
                Thread.currentThread().setContextClassLoader(application);
                task.run();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down meanwhile
        }
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }
}
