// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.servlet.ContainerUpgrade;
import dev.halyard.websocket.session.Transport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.Session;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Where Jetty's classes are not visible (Tomcat, or a Jetty web application that hides them),
 * creating the upgrade must fail, so that ServiceLoader reports it and Halyard leaves it out,
 * instead of a NoClassDefFoundError at every handshake.
 */
class JettyUpgradeLoadingTest {

    @Test
    void withoutJettysClassesTheServiceCannotBeCreated() throws Exception {
        URL[] withoutJetty = {location(JettyUpgrade.class), location(ContainerUpgrade.class), location(Transport.class),
                location(HttpServletRequest.class), location(Session.class)};
        try (URLClassLoader loader = new URLClassLoader(withoutJetty, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("org.eclipse.jetty.server.HttpStream"))
                    .isInstanceOf(ClassNotFoundException.class);
            Iterator<?> providers = ServiceLoader.load(loader.loadClass(ContainerUpgrade.class.getName()), loader).iterator();
            assertThat(providers.hasNext()).isTrue();
            assertThatThrownBy(providers::next).isInstanceOf(ServiceConfigurationError.class)
                    .hasMessageContaining(JettyUpgrade.class.getName())
                    .hasRootCauseInstanceOf(ClassNotFoundException.class);
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
