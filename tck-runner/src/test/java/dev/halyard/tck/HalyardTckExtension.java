// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.tck;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers the one embedded container the run asks for with the system property
 * {@code halyard.tck.container}: {@code tomcat} (the default) or {@code jetty}. Arquillian wants
 * exactly one {@link DeployableContainer} on the class path.
 */
public final class HalyardTckExtension implements LoadableExtension {

    static final String CONTAINER_PROPERTY = "halyard.tck.container";

    @Override
    public void register(ExtensionBuilder builder) {
        String container = System.getProperty(CONTAINER_PROPERTY, "tomcat");
        switch (container) {
            case "tomcat" -> builder.service(DeployableContainer.class, EmbeddedTomcatContainer.class);
            case "jetty" -> builder.service(DeployableContainer.class, EmbeddedJettyContainer.class);
            default -> throw new IllegalArgumentException(CONTAINER_PROPERTY + " must be tomcat or jetty, not " + container);
        }
    }
}
