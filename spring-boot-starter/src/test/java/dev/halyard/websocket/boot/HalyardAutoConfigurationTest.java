// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

/** Which beans the auto-configuration makes on which class path, and the mistakes it refuses. */
class HalyardAutoConfigurationTest {

    private final WebApplicationContextRunner servletApplication =
            new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(HalyardAutoConfiguration.class));

    @Test
    void aServletApplicationGetsTheCustomizersOfThePresentContainersAndTheGoingAway() {
        servletApplication.run(context -> assertThat(context).hasSingleBean(HalyardOnTomcat.class)
                .hasSingleBean(HalyardOnJetty.class).hasSingleBean(GoingAwayOnStop.class).hasSingleBean(HalyardProperties.class));
        servletApplication.withClassLoader(new FilteredClassLoader(TomcatServletWebServerFactory.class))
                .run(context -> assertThat(context).doesNotHaveBean(HalyardOnTomcat.class).hasSingleBean(HalyardOnJetty.class));
        servletApplication.withClassLoader(new FilteredClassLoader(JettyServletWebServerFactory.class))
                .run(context -> assertThat(context).hasSingleBean(HalyardOnTomcat.class).doesNotHaveBean(HalyardOnJetty.class));
    }

    @Test
    void anApplicationThatIsNoServletApplicationGetsNothing() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HalyardAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(GoingAwayOnStop.class).doesNotHaveBean(HalyardOnTomcat.class));
    }

    @Test
    void onJettyWithoutHalyardsJettyModuleTheApplicationDoesNotStartAndSaysWhatToAdd() {
        servletApplication.withClassLoader(new FilteredClassLoader("dev.halyard.websocket.jetty.")).run(context -> {
            HalyardOnJetty customizer = context.getBean(HalyardOnJetty.class);
            assertThatThrownBy(() -> customizer.customize(new JettyServletWebServerFactory()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("needs dev.halyard:halyard-jetty-integration, which is not on the class path");
        });
    }

    @Test
    void withTheContainersOwnWebSocketAbsentBothCustomizersInstallHalyard() {
        servletApplication.run(context -> {
            context.getBean(HalyardOnTomcat.class).customize(new TomcatServletWebServerFactory());
            JettyServletWebServerFactory jetty = new JettyServletWebServerFactory();
            context.getBean(HalyardOnJetty.class).customize(jetty);
            assertThat(jetty.getServerCustomizers()).hasSize(1);
        });
    }
}
