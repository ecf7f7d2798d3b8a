// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Standalone Tomcat, as the README deploys to it: the distribution unpacked, the WAR copied into
 * {@code webapps}, {@code bin/catalina.sh run}. The WAR's own {@code META-INF/context.xml} keeps
 * Tomcat's WebSocket initializer out; nothing else is configured.
 */
final class TomcatServer implements StandaloneServer {

    private final Path distribution;

    TomcatServer(Path distribution) {
        this.distribution = distribution;
    }

    @Override
    public ServerProcess start(Path war, Path workDir, int port) throws IOException {
        Path home = Files.createTempDirectory(workDir, "tomcat-");
        copyTree(distribution, home);
        Files.copy(war, home.resolve("webapps/halyard-samples.war"));
        listenOnlyOn(home.resolve("conf/server.xml"), port);
        // catalina.sh "run" execs java, so the process started here is the server itself.
        return ServerProcess.start("Tomcat", List.of(home.resolve("bin/catalina.sh").toString(), "run"), home,
                Map.of("CATALINA_HOME", home.toString(), "CATALINA_BASE", home.toString(),
                        "JAVA_HOME", System.getProperty("java.home")),
                home.resolve("logs/run.log"), port);
    }

    /**
     * Not a deployment step: the test's own port on 127.0.0.1 instead of 8080 on every address,
     * and no shutdown port (8005), which another Tomcat on the machine may hold.
     */
    private static void listenOnlyOn(Path serverXml, int port) throws IOException {
        String xml = Files.readString(serverXml);
        String changed = replaceOnce(xml, "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
        changed = replaceOnce(changed, "<Server port=\"8005\"", "<Server port=\"-1\"");
        Files.writeString(serverXml, changed);
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("conf/server.xml should hold " + from + " exactly once");
        }
        return text.replace(from, to);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                Path target = to.resolve(from.relativize(path).toString());
                try {
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES); // keeps bin/*.sh executable
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
