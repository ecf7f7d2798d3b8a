// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.client.TestCertificate;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Tomcat 11 or Jetty 12.1 (ee11) serving one application with Halyard's initializer and
 * none of the container's own WebSocket. Like the standalone servers, each maps a servlet to "/"
 * (standalone Tomcat's DefaultServlet): Tomcat runs an application's filters only for requests
 * some servlet matches.
 */
abstract class EmbeddedServer implements AutoCloseable {

    enum Kind {
        TOMCAT, JETTY;

        /**
         * Whether this run tests this container: all by default; a module that reruns these tests for one
         * container's own integration names it in {@code halyard.test.containers}, and the others are skipped.
         */
        boolean tested() {
            String only = System.getProperty("halyard.test.containers", "");
            return only.isBlank() || java.util.Arrays.stream(only.split(","))
                    .anyMatch(name -> name.trim().equalsIgnoreCase(name()));
        }
    }

    /**
     * The containers where clients that send no {@code Content-Length} with the handshake (browsers,
     * Halyard's client) work: Tomcat, and Jetty only with halyard-jetty-integration, which the
     * tests in that module have (Jetty 12.1.14 otherwise never switches the connection; see
     * JettyUpgradeReproducerTest).
     */
    static java.util.stream.Stream<Kind> forAnyClient() {
        try {
            Class.forName("dev.halyard.websocket.jetty.JettyUpgrade");
            return java.util.stream.Stream.of(Kind.TOMCAT, Kind.JETTY).filter(Kind::tested);
        } catch (ClassNotFoundException e) {
            return java.util.stream.Stream.of(Kind.TOMCAT).filter(Kind::tested);
        }
    }

    abstract int port();

    /** Connections the container holds open, HTTP or WebSocket. */
    abstract long openConnections();

    /** Tomcat's connector, for tests that look into it; none on Jetty. */
    Object tomcatConnector() {
        throw new UnsupportedOperationException("Not Tomcat: " + this);
    }

    abstract void stopApplication() throws Exception;

    /** Stops the whole server, as at its shutdown; Jetty is given {@code stopTimeoutMillis} to stop gracefully. */
    abstract void stopServer(long stopTimeoutMillis) throws Exception;

    static EmbeddedServer start(Kind kind, Set<Class<?>> scanned, Map<String, String> initParameters) throws Exception {
        return start(kind, scanned, initParameters, null, Map.of());
    }

    /**
     * @param after an initializer run after Halyard's, as an application's own would be
     * @param servlets extra servlets by path pattern
     */
    static EmbeddedServer start(Kind kind, Set<Class<?>> scanned, Map<String, String> initParameters,
            jakarta.servlet.ServletContainerInitializer after, Map<String, HttpServlet> servlets) throws Exception {
        return start(kind, scanned, initParameters, after, servlets, false);
    }

    /** As above; {@code secured} puts /secure/* behind BASIC authentication for user ann, password secret, role user. */
    static EmbeddedServer start(Kind kind, Set<Class<?>> scanned, Map<String, String> initParameters,
            jakarta.servlet.ServletContainerInitializer after, Map<String, HttpServlet> servlets, boolean secured) throws Exception {
        return start(kind, scanned, initParameters, after, servlets, secured ? "BASIC" : null);
    }

    /** As above, with /secure/* behind {@code authMethod} (BASIC or DIGEST), or open when it is null. */
    static EmbeddedServer start(Kind kind, Set<Class<?>> scanned, Map<String, String> initParameters,
            jakarta.servlet.ServletContainerInitializer after, Map<String, HttpServlet> servlets, String authMethod) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(kind.tested(), () -> kind + " is not tested in this module");
        return kind == Kind.TOMCAT ? new TomcatServer(scanned, initParameters, after, servlets, authMethod, null, null, Map.of())
                : new JettyServer(scanned, initParameters, after, servlets, authMethod, null, null);
    }

    /** Serving HTTPS only, with the key and certificate in {@code keystore} (PKCS12, password {@link TestCertificate#PASSWORD}). */
    static EmbeddedServer startTls(Kind kind, Set<Class<?>> scanned, Path keystore) throws Exception {
        return startTls(kind, scanned, keystore, null);
    }

    /**
     * As above, and when {@code clientTruststore} (PKCS12, same password) is not null, asking every
     * client for a certificate it trusts (TLS client authentication, required).
     */
    static EmbeddedServer startTls(Kind kind, Set<Class<?>> scanned, Path keystore, Path clientTruststore) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(kind.tested(), () -> kind + " is not tested in this module");
        return kind == Kind.TOMCAT ? new TomcatServer(scanned, Map.of(), null, Map.of(), null, keystore, clientTruststore, Map.of())
                : new JettyServer(scanned, Map.of(), null, Map.of(), null, keystore, clientTruststore);
    }

    static final String USER = "ann";
    static final String PASSWORD = "secret";

    /** Jetty even where this module tests Tomcat only: for what another module's presence must not change there. */
    static EmbeddedServer startJettyAnyway(Set<Class<?>> scanned) throws Exception {
        return new JettyServer(scanned, Map.of(), null, Map.of(), null, null, null);
    }

    /** Tomcat with its connector's attributes set as in server.xml ({@code useAsyncIO}, say). */
    static EmbeddedServer startTomcat(Set<Class<?>> scanned, Map<String, String> connectorAttributes) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kind.TOMCAT.tested(), "TOMCAT is not tested in this module");
        return new TomcatServer(scanned, Map.of(), null, Map.of(), null, null, null, connectorAttributes);
    }

    /** Answers 404 to everything: the stand-in for a default servlet. */
    static final class NotFound extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(404, "No resource at " + request.getRequestURI());
        }
    }

    private static final class TomcatServer extends EmbeddedServer {
        private final Tomcat tomcat = new Tomcat();
        private final Context context;

        TomcatServer(Set<Class<?>> scanned, Map<String, String> initParameters, jakarta.servlet.ServletContainerInitializer after,
                Map<String, HttpServlet> servlets, String authMethod, Path keystore, Path clientTruststore,
                Map<String, String> connectorAttributes) throws Exception {
            Path base = Files.createTempDirectory("halyard-tomcat");
            tomcat.setBaseDir(base.toString());
            tomcat.setPort(0);
            context = tomcat.addContext("", base.toString());
            initParameters.forEach(context::addParameter);
            context.addServletContainerInitializer(new HalyardServletContainerInitializer(), scanned);
            if (after != null) {
                context.addServletContainerInitializer(after, Set.of());
            }
            Tomcat.addServlet(context, "default", new NotFound());
            context.addServletMappingDecoded("/", "default");
            int i = 0;
            for (Map.Entry<String, HttpServlet> servlet : servlets.entrySet()) {
                Tomcat.addServlet(context, "servlet" + i, servlet.getValue());
                context.addServletMappingDecoded(servlet.getKey(), "servlet" + i++);
            }
            if (authMethod != null) {
                secure(context, authMethod);
            }
            if (keystore != null) {
                org.apache.catalina.connector.Connector https = tomcat.getConnector();
                https.setSecure(true);
                https.setScheme("https");
                https.setProperty("SSLEnabled", "true");
                org.apache.tomcat.util.net.SSLHostConfig ssl = new org.apache.tomcat.util.net.SSLHostConfig();
                org.apache.tomcat.util.net.SSLHostConfigCertificate certificate = new org.apache.tomcat.util.net.SSLHostConfigCertificate(
                        ssl, org.apache.tomcat.util.net.SSLHostConfigCertificate.Type.RSA);
                certificate.setCertificateKeystoreFile(keystore.toString());
                certificate.setCertificateKeystorePassword(TestCertificate.PASSWORD);
                certificate.setCertificateKeystoreType("PKCS12");
                ssl.addCertificate(certificate);
                if (clientTruststore != null) {
                    ssl.setCertificateVerification("required");
                    ssl.setTruststoreFile(clientTruststore.toString());
                    ssl.setTruststorePassword(TestCertificate.PASSWORD);
                    ssl.setTruststoreType("PKCS12");
                }
                https.addSslHostConfig(ssl);
            }
            connectorAttributes.forEach(tomcat.getConnector()::setProperty);
            tomcat.start();
        }

        private static void secure(Context context, String authMethod) {
            context.addSecurityRole("user");
            org.apache.tomcat.util.descriptor.web.SecurityCollection collection = new org.apache.tomcat.util.descriptor.web.SecurityCollection();
            collection.addPattern("/secure/*");
            org.apache.tomcat.util.descriptor.web.SecurityConstraint constraint = new org.apache.tomcat.util.descriptor.web.SecurityConstraint();
            constraint.addAuthRole("user");
            constraint.setAuthConstraint(true);
            constraint.addCollection(collection);
            context.addConstraint(constraint);
            org.apache.tomcat.util.descriptor.web.LoginConfig login = new org.apache.tomcat.util.descriptor.web.LoginConfig();
            login.setAuthMethod(authMethod);
            login.setRealmName("test");
            context.setLoginConfig(login);
            context.getPipeline().addValve(authMethod.equals("DIGEST") ? new org.apache.catalina.authenticator.DigestAuthenticator()
                    : new org.apache.catalina.authenticator.BasicAuthenticator());
            context.setRealm(new org.apache.catalina.realm.RealmBase() {
                @Override
                protected String getPassword(String username) {
                    return USER.equals(username) ? PASSWORD : null;
                }

                @Override
                protected java.security.Principal getPrincipal(String username) {
                    return new org.apache.catalina.realm.GenericPrincipal(username, java.util.List.of("user"));
                }
            });
        }

        @Override
        int port() {
            return tomcat.getConnector().getLocalPort();
        }

        @Override
        Object tomcatConnector() {
            return tomcat.getConnector();
        }

        @Override
        long openConnections() {
            // Tomcat's count includes the one its acceptor takes before it waits for the next connection.
            return ((org.apache.coyote.AbstractProtocol<?>) tomcat.getConnector().getProtocolHandler()).getConnectionCount() - 1;
        }

        @Override
        void stopApplication() throws LifecycleException {
            context.stop();
        }

        @Override
        void stopServer(long stopTimeoutMillis) throws LifecycleException {
            tomcat.stop();
        }

        @Override
        public void close() throws Exception {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static final class JettyServer extends EmbeddedServer {
        private final Server server = new Server();
        private final ServerConnector connector;
        private final ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);

        JettyServer(Set<Class<?>> scanned, Map<String, String> initParameters, jakarta.servlet.ServletContainerInitializer after,
                Map<String, HttpServlet> servlets, String authMethod, Path keystore, Path clientTruststore) throws Exception {
            if (keystore == null) {
                connector = new ServerConnector(server);
            } else {
                org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
                ssl.setKeyStorePath(keystore.toString());
                ssl.setKeyStorePassword(TestCertificate.PASSWORD);
                ssl.setKeyStoreType("PKCS12");
                if (clientTruststore != null) {
                    ssl.setNeedClientAuth(true);
                    ssl.setTrustStorePath(clientTruststore.toString());
                    ssl.setTrustStorePassword(TestCertificate.PASSWORD);
                    ssl.setTrustStoreType("PKCS12");
                }
                // Jetty answers 400 when the Host is not a name in the certificate; the tests also reach it by address.
                org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
                http.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer(false));
                connector = new ServerConnector(server, ssl, new org.eclipse.jetty.server.HttpConnectionFactory(http));
            }
            context.setContextPath("/");
            if (authMethod != null) {
                org.eclipse.jetty.ee11.servlet.security.ConstraintSecurityHandler security =
                        new org.eclipse.jetty.ee11.servlet.security.ConstraintSecurityHandler();
                org.eclipse.jetty.ee11.servlet.security.ConstraintMapping mapping = new org.eclipse.jetty.ee11.servlet.security.ConstraintMapping();
                mapping.setPathSpec("/secure/*");
                mapping.setConstraint(org.eclipse.jetty.security.Constraint.from("user"));
                security.addConstraintMapping(mapping);
                security.setAuthenticator(authMethod.equals("DIGEST") ? new org.eclipse.jetty.security.authentication.DigestAuthenticator()
                        : new org.eclipse.jetty.security.authentication.BasicAuthenticator());
                org.eclipse.jetty.security.UserStore users = new org.eclipse.jetty.security.UserStore();
                users.addUser(USER, org.eclipse.jetty.util.security.Credential.getCredential(PASSWORD), new String[] {"user"});
                org.eclipse.jetty.security.HashLoginService login = new org.eclipse.jetty.security.HashLoginService("test");
                login.setUserStore(users);
                security.setLoginService(login);
                context.setSecurityHandler(security);
            }
            connector.setPort(0);
            server.addConnector(connector);
            initParameters.forEach(context::setInitParameter);
            context.addServletContainerInitializer(new HalyardServletContainerInitializer(), scanned.toArray(new Class<?>[0]));
            if (after != null) {
                context.addServletContainerInitializer(after);
            }
            context.addServlet(new ServletHolder(new NotFound()), "/");
            servlets.forEach((pattern, servlet) -> context.addServlet(new ServletHolder(servlet), pattern));
            server.setHandler(context);
            server.start();
        }

        @Override
        int port() {
            return connector.getLocalPort();
        }

        @Override
        long openConnections() {
            return connector.getConnectedEndPoints().size();
        }

        @Override
        void stopApplication() throws Exception {
            context.stop();
        }

        @Override
        void stopServer(long stopTimeoutMillis) throws Exception {
            server.setStopTimeout(stopTimeoutMillis);
            server.stop();
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
