// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.tck;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Embedded Jetty 12.1 (ee11) deploying each test WAR in a {@link WebAppContext} of its own. Halyard
 * comes from the class path (Jetty's "lib"), with halyard-jetty-integration; none of Jetty's
 * WebSocket modules is on it. Jetty's default descriptor maps its DefaultServlet to "/", and the
 * annotation configuration (jetty-ee11-annotations) runs the initializers with the WAR's
 * {@code @HandlesTypes} classes; container jars are not scanned.
 */
public final class EmbeddedJettyContainer implements DeployableContainer<EmbeddedContainerConfiguration> {

    private static final System.Logger LOG = System.getLogger(EmbeddedJettyContainer.class.getName());

    private EmbeddedContainerConfiguration configuration;
    private Server server;
    private ServerConnector connector;
    private final Handler.Sequence contexts = new Handler.Sequence();
    private Path base;
    private final Map<String, WebAppContext> deployed = new HashMap<>();

    @Override
    public Class<EmbeddedContainerConfiguration> getConfigurationClass() {
        return EmbeddedContainerConfiguration.class;
    }

    @Override
    public void setup(EmbeddedContainerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public void start() throws LifecycleException {
        try {
            base = Files.createTempDirectory("halyard-tck-jetty");
            server = new Server();
            connector = new ServerConnector(server);
            connector.setPort(configuration.getBindHttpPort());
            server.addConnector(connector);
            server.setHandler(contexts);
            server.start();
        } catch (Exception e) {
            throw new LifecycleException("Embedded Jetty did not start", e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            server.stop();
        } catch (Exception e) {
            throw new LifecycleException("Embedded Jetty did not stop", e);
        } finally {
            Deployments.deleteRecursively(base);
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String path = Deployments.contextPath(archive);
        WebAppContext context = new WebAppContext();
        try {
            Path war = Deployments.export(archive, base.resolve("webapps"));
            context.setContextPath(path);
            context.setWar(war.toString());
            context.setTempDirectory(Files.createDirectories(base.resolve("work").resolve(archive.getName())).toFile());
            context.setThrowUnavailableOnStartupException(false);
            contexts.addHandler(context);
            context.start();
        } catch (Exception | Error e) {
            LOG.log(Level.WARNING, "Deployment of " + archive.getName() + " failed", e);
        }
        if (!context.isAvailable()) {
            LOG.log(Level.WARNING, archive.getName() + " is not available", context.getUnavailableException());
        }
        deployed.put(archive.getName(), context);
        return Deployments.metaData(configuration.getBindAddress(), connector.getLocalPort(), path);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        WebAppContext context = deployed.remove(archive.getName());
        if (context != null) {
            try {
                context.stop();
            } catch (Exception e) {
                throw new DeploymentException("Undeployment of " + archive.getName() + " failed", e);
            } finally {
                contexts.removeHandler(context);
            }
        }
    }
}
