// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Standalone Jetty 12.1, as the README deploys to it: a new {@code jetty.base} with the
 * {@code http}, {@code ee11-deploy} and {@code ee11-annotations} modules (no {@code ee11-websocket-*}),
 * the WAR copied into its {@code webapps}, {@code java -jar $JETTY_HOME/start.jar}. The WAR's own
 * {@code WEB-INF/jetty-ee11-web.xml} lets it see the Jetty classes halyard-jetty-integration needs.
 */
final class JettyServer implements StandaloneServer {

    private static final List<String> MODULES = List.of("http", "ee11-deploy", "ee11-annotations", "graceful");

    private final Path home;

    JettyServer(Path home) {
        this.home = home;
    }

    @Override
    public ServerProcess start(Path war, Path workDir, int port) throws IOException, InterruptedException {
        Path base = Files.createTempDirectory(workDir, "jetty-base-");
        Path log = base.resolve("run.log");
        Process addModules = new ProcessBuilder(startJar("--add-modules=" + String.join(",", MODULES)))
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(base.resolve("add-modules.log").toFile()).start();
        if (!addModules.waitFor(60, TimeUnit.SECONDS) || addModules.exitValue() != 0) {
            addModules.destroyForcibly();
            throw new IllegalStateException("start.jar --add-modules failed; see " + base.resolve("add-modules.log"));
        }
        Files.copy(war, base.resolve("webapps/halyard-samples.war"));
        // Not a deployment step: the test's own port, on 127.0.0.1 only.
        return ServerProcess.start("Jetty", startJar("jetty.http.host=127.0.0.1", "jetty.http.port=" + port), base, Map.of(),
                log, port);
    }

    private List<String> startJar(String... arguments) {
        List<String> command = new ArrayList<>(List.of(StandaloneServer.java().toString(), "-jar",
                home.resolve("start.jar").toString()));
        command.addAll(List.of(arguments));
        return command;
    }
}
