// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.testing.LogCapture;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The thread settings as context init parameters: applied, or refused naming the parameter. */
class ContainerSettingsTest {

    /** A context that answers only getInitParameter, from {@code parameters}. */
    private static ServletContext context(Map<String, String> parameters) {
        return (ServletContext) Proxy.newProxyInstance(ContainerSettingsTest.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getInitParameter")) {
                        return parameters.get((String) args[0]);
                    }
                    if (method.getName().equals("getInitParameterNames")) {
                        return java.util.Collections.enumeration(parameters.keySet());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ServletServerContainer applied(Map<String, String> parameters) throws ServletException {
        ServletServerContainer container = new ServletServerContainer();
        try {
            ContainerSettings.apply(context(parameters), container);
            return container;
        } catch (ServletException | RuntimeException e) {
            container.shutdown();
            throw e;
        }
    }

    @Test
    void aHalyardParameterThatIsNoSettingIsWarnedOfByName() throws Exception {
        try (LogCapture log = LogCapture.of(ContainerSettings.class.getName())) {
            applied(Map.of("halyard.maxIdleTimeout", "1000", "halyard.maxThreads", "16", "other.setting", "x")).shutdown();
            assertThat(log.at(Level.WARNING)).singleElement().asString()
                    .startsWith("Context init parameter halyard.maxIdleTimeout is not a Halyard setting and is ignored; the settings are ")
                    .contains("halyard.maxSessionIdleTimeout");
        }
    }

    @Test
    void theMaximumOfThreadsIsTwoHundredUnlessSet() throws Exception {
        ServletServerContainer defaults = applied(Map.of());
        ServletServerContainer set = applied(Map.of("halyard.maxThreads", "16"));
        try {
            assertThat(defaults.maxThreads()).isEqualTo(200);
            assertThat(set.maxThreads()).isEqualTo(16);
        } finally {
            defaults.shutdown();
            set.shutdown();
        }
    }

    @Test
    void aMaximumBelowOneIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> applied(Map.of("halyard.maxThreads", "0"))).isInstanceOf(ServletException.class)
                .hasMessageContaining("halyard.maxThreads").hasMessageContaining("got a maximum of 0");
        assertThatThrownBy(() -> applied(Map.of("halyard.maxThreads", "many"))).isInstanceOf(ServletException.class)
                .hasMessageContaining("halyard.maxThreads must be a whole number, got \"many\"");
    }

    @Test
    void virtualThreadsAreTakenWhereThisJavaHasThemAndOtherwiseThePoolStays() throws Exception {
        ServletServerContainer container = applied(Map.of("halyard.virtualThreads", "true"));
        try {
            assertThat(container.usesVirtualThreads()).isEqualTo(Runtime.version().feature() >= 21);
            java.util.concurrent.CompletableFuture<String> thread = new java.util.concurrent.CompletableFuture<>();
            container.executor().execute(() -> thread.complete(Thread.currentThread().toString()));
            assertThat(thread.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .matches(Runtime.version().feature() >= 21 ? "VirtualThread\\[#\\d+,halyard-\\d+-virtual-\\d+].*" : "Thread\\[halyard-\\d+-\\d+,.*");
        } finally {
            container.shutdown();
        }
        assertThatThrownBy(() -> applied(Map.of("halyard.virtualThreads", "yes"))).isInstanceOf(ServletException.class)
                .hasMessageContaining("halyard.virtualThreads must be true or false, got \"yes\"");
    }
}
