// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The threads that run endpoint code carry the application's context class loader. */
class ContainerThreadsTest {

    @Test
    void executorThreadsHaveTheLoaderOfTheThreadThatMadeTheContainer() throws Exception {
        ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        HalyardServerContainer container;
        current.setContextClassLoader(application);
        try {
            container = new HalyardServerContainer(); // as the initializer does, during the application's start
        } finally {
            current.setContextClassLoader(before);
        }
        try {
            // the pool thread is started now, from a thread with another context loader
            CompletableFuture<ClassLoader> seen = new CompletableFuture<>();
            container.executor().execute(() -> seen.complete(Thread.currentThread().getContextClassLoader()));
            assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(application);
        } finally {
            container.shutdown();
        }
    }
}
