// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import dev.halyard.websocket.servlet.HalyardServletContainerInitializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Halyard as the WebSocket of a servlet application on Boot's embedded Tomcat or Jetty: the
 * initializer installed in the container ({@link HalyardOnTomcat}, {@link HalyardOnJetty}), the
 * {@code halyard.*} properties ({@link HalyardProperties}), and 1001 to open sessions as the
 * application stops ({@link GoingAwayOnStop}). The container classes are named as strings so that
 * this class loads whichever container is absent.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HalyardServletContainerInitializer.class)
@EnableConfigurationProperties(HalyardProperties.class)
public class HalyardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "halyardGoingAwayOnStop")
    GoingAwayOnStop halyardGoingAwayOnStop() {
        return new GoingAwayOnStop();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory",
            "org.apache.catalina.startup.Tomcat"})
    static class OnTomcat {

        @Bean
        @ConditionalOnMissingBean(name = "halyardTomcatCustomizer")
        HalyardOnTomcat halyardTomcatCustomizer(HalyardProperties properties, ResourceLoader application) {
            return new HalyardOnTomcat(properties, application.getClassLoader());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.jetty.servlet.JettyServletWebServerFactory",
            "org.eclipse.jetty.ee11.webapp.WebAppContext"})
    static class OnJetty {

        @Bean
        @ConditionalOnMissingBean(name = "halyardJettyCustomizer")
        HalyardOnJetty halyardJettyCustomizer(HalyardProperties properties, ResourceLoader application) {
            return new HalyardOnJetty(properties, application.getClassLoader());
        }
    }
}
