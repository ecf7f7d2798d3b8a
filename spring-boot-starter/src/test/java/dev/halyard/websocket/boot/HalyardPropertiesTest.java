// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The {@code halyard.*} properties as Boot binds them, and the context parameters they become. */
class HalyardPropertiesTest {

    private static Map<String, String> parametersFrom(Map<String, String> properties) {
        HalyardProperties bound = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("halyard", HalyardProperties.class);
        return bound.initParameters();
    }

    @Test
    void plainNumbersAreBytesAndMillisecondsAndBootsUnitsWorkToo() {
        Map<String, String> parameters = parametersFrom(Map.of(
                "halyard.max-text-message-buffer-size", "1000",
                "halyard.max-binary-message-buffer-size", "64KB",
                "halyard.max-session-idle-timeout", "1500",
                "halyard.keep-alive-interval", "30s",
                "halyard.allowed-origins", "https://example.com, https://*.example.com",
                "halyard.virtual-threads", "true"));
        assertThat(parameters).containsOnly(
                Map.entry("halyard.maxTextMessageBufferSize", "1000"),
                Map.entry("halyard.maxBinaryMessageBufferSize", "65536"),
                Map.entry("halyard.maxSessionIdleTimeout", "1500"),
                Map.entry("halyard.keepAliveInterval", "30000"),
                Map.entry("halyard.allowedOrigins", "https://example.com,https://*.example.com"),
                Map.entry("halyard.virtualThreads", "true"));
    }

    @Test
    void nothingSetLeavesHalyardsDefaults() {
        assertThat(parametersFrom(Map.of())).isEmpty();
    }

    /** Every property reaches a context parameter Halyard knows; a rename on either side fails here. */
    @Test
    @SuppressWarnings("unchecked")
    void everyPropertyIsAHalyardSetting() throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        for (String property : new String[] {"max-text-message-buffer-size", "max-binary-message-buffer-size",
                "max-session-idle-timeout", "async-send-timeout", "blocking-send-timeout", "max-send-backlog",
                "max-send-backlog-total", "permessage-deflate", "deflate-threshold", "keep-alive-interval", "keep-alive-timeout",
                "allowed-origins", "max-threads", "virtual-threads"}) {
            all.put("halyard." + property, property.endsWith("deflate") || property.endsWith("threads") && property.startsWith("v")
                    ? "true" : property.equals("allowed-origins") ? "https://example.com" : "1");
        }
        Field known = Class.forName("dev.halyard.websocket.servlet.ContainerSettings").getDeclaredField("KNOWN");
        known.setAccessible(true);
        assertThat(parametersFrom(all).keySet()).containsExactlyInAnyOrderElementsOf((Collection<String>) known.get(null));
    }
}
