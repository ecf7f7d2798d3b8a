// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.tck;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Embedded Tomcat 11 deploying each test WAR as a context of its own. Halyard comes from the class
 * path (Tomcat's "lib"): its {@code ServletContainerInitializer} is found through
 * {@code META-INF/services}; Tomcat's own WebSocket ({@code tomcat-embed-websocket}, {@code WsSci}) is
 * not on the class path. Like standalone Tomcat, each context has a default servlet mapped to "/"
 * (Tomcat runs filters only for requests some servlet matches) and its {@code @HandlesTypes} scan
 * covers only the WAR, not the class path that holds the whole TCK.
 */
public final class EmbeddedTomcatContainer implements DeployableContainer<EmbeddedContainerConfiguration> {

    private static final System.Logger LOG = System.getLogger(EmbeddedTomcatContainer.class.getName());

    private EmbeddedContainerConfiguration configuration;
    private Tomcat tomcat;
    private Path base;
    private final Map<String, Context> deployed = new HashMap<>();

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
        // Every TCK deployment is testable = false: the tests run on the client side only.
        return new ProtocolDescription("Local");
    }

    @Override
    public void start() throws LifecycleException {
        try {
            base = Files.createTempDirectory("halyard-tck-tomcat");
            Files.createDirectories(base.resolve("webapps"));
            tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            tomcat.setPort(configuration.getBindHttpPort());
            tomcat.getHost().setAutoDeploy(false);
            tomcat.getConnector();
            tomcat.start();
        } catch (Exception e) {
            throw new LifecycleException("Embedded Tomcat did not start", e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            throw new LifecycleException("Embedded Tomcat did not stop", e);
        } finally {
            Deployments.deleteRecursively(base);
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String path = Deployments.contextPath(archive);
        StandardContext context = new StandardContext();
        try {
            Path war = Deployments.export(archive, base.resolve("webapps"));
            context.setName(path);
            context.setPath(path);
            context.setDocBase(war.toString());
            context.setParentClassLoader(EmbeddedTomcatContainer.class.getClassLoader());
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false);
            context.setJarScanner(scanner);
            ContextConfig config = new ContextConfig();
            config.setDefaultWebXml(Constants.NoDefaultWebXml);
            context.addLifecycleListener(config);
            context.addLifecycleListener(event -> {
                if (Lifecycle.CONFIGURE_START_EVENT.equals(event.getType()) && context.findServletMapping("/") == null) {
                    Wrapper wrapper = context.createWrapper();
                    wrapper.setName("default");
                    wrapper.setServletClass(DefaultServlet.class.getName());
                    wrapper.setLoadOnStartup(1);
                    context.addChild(wrapper);
                    context.addServletMappingDecoded("/", "default");
                }
            });
            tomcat.getHost().addChild(context);
        } catch (Exception | Error e) {
            LOG.log(Level.WARNING, "Deployment of " + archive.getName() + " failed", e);
        }
        if (context.getState() != LifecycleState.STARTED) {
            LOG.log(Level.WARNING, archive.getName() + " did not start (" + context.getState() + ")");
        }
        deployed.put(archive.getName(), context);
        return Deployments.metaData(configuration.getBindAddress(), tomcat.getConnector().getLocalPort(), path);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        Context context = deployed.remove(archive.getName());
        if (context != null) {
            try {
                tomcat.getHost().removeChild(context);
            } catch (RuntimeException e) {
                throw new DeploymentException("Undeployment of " + archive.getName() + " failed", e);
            }
        }
        Deployments.deleteRecursively(base.resolve("webapps").resolve(archive.getName()));
    }
}
