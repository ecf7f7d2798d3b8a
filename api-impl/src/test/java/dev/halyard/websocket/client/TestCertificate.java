// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate, made for the test with the JDK's keytool, and TLS contexts around it:
 * a client's that trusts it (and nothing else), a server's that presents it, and a client's that
 * presents another one as its own (client authentication).
 */
public final class TestCertificate {

    public static final String PASSWORD = "changeit";

    public final Path keystore;

    private TestCertificate(Path keystore) {
        this.keystore = keystore;
    }

    /** A key pair and certificate whose only name is {@code subjectAltName}, e.g. "dns:localhost". */
    public static TestCertificate generate(String subjectAltName) throws IOException, InterruptedException {
        Path keystore = Files.createTempDirectory("halyard-tls").resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=Halyard test", "-ext", "SAN=" + subjectAltName, "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return new TestCertificate(keystore);
    }

    /** A TLS context whose only trusted certificate is this one. */
    public SSLContext trustingClientContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(), null);
        return context;
    }

    /**
     * A TLS context that trusts this certificate alone and presents {@code identity}'s key and
     * certificate when the server asks for one (TLS client authentication).
     */
    public SSLContext trustingClientContext(TestCertificate identity) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(identity.keyManagers(), trustManagers(), null);
        return context;
    }

    /** A TLS context for a server presenting this certificate. */
    public SSLContext serverContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(), null, null);
        return context;
    }

    /** A PKCS12 trust store (password {@link #PASSWORD}) holding this certificate alone, for a server to trust it. */
    public Path trustStore() throws Exception {
        Path file = keystore.resolveSibling("trusted.p12");
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            trusting().store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** This certificate. */
    public X509Certificate certificate() throws Exception {
        return (X509Certificate) keys().getCertificate("server");
    }

    private KeyStore keys() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return keys;
    }

    private KeyStore trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate());
        return trust;
    }

    private TrustManager[] trustManagers() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusting());
        return factory.getTrustManagers();
    }

    private KeyManager[] keyManagers() throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys(), PASSWORD.toCharArray());
        return factory.getKeyManagers();
    }
}
