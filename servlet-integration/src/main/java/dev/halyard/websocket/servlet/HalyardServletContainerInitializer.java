// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.server.ScannedEndpoints;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.EnumSet;
import java.util.Set;

/**
 * Installs Halyard in a web application: creates its server container, publishes it as the
 * {@code jakarta.websocket.server.ServerContainer} attribute, deploys the scanned endpoints
 * (Jakarta WebSocket 2.2 §6.2), installs the upgrade filter, registers the container's MBeans
 * (README, "Operating Halyard"), and when the application stops closes open sessions with 1001 and
 * unregisters the MBeans. A deployment error stops the application's deployment, also one
 * raised by an endpoint an application's ServletContextListener adds while it starts.
 */
@HandlesTypes({ServerEndpoint.class, Endpoint.class, ServerApplicationConfig.class})
public class HalyardServletContainerInitializer implements ServletContainerInitializer {

    static final String FILTER_NAME = "halyard-websocket-upgrade";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        ServletServerContainer container = new ServletServerContainer();
        ContainerSettings.apply(context, container);
        context.setAttribute(ServerContainer.class.getName(), container);
        container.beginDeployment();
        try {
            ScannedEndpoints.Plan plan = ScannedEndpoints.plan(classes == null ? Set.of() : classes);
            for (Class<?> annotated : plan.annotated()) {
                container.addEndpoint(annotated);
            }
            for (ServerEndpointConfig config : plan.programmatic()) {
                container.addEndpoint(config);
            }
        } catch (DeploymentException e) {
            throw new ServletException("WebSocket deployment failed: " + e.getMessage(), e);
        }
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new UpgradeFilter(container));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        context.addListener(container.httpSessionEnds());
        ContainerUpgrades.loaded().applicationStarting(context, container);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                container.shutdown(); // an external upgrade handler gets no stop event of its own; unregisters the MBeans
            }
        });
        container.management().register(context.getContextPath());
    }
}
