// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.modular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.samples.SamplesLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular application (src/modular-app: a module-info requiring jakarta.websocket and Halyard's
 * automatic module) compiled against the jars and run in its own JVM with {@code java --module-path ...
 * -m}, so nothing of it is on a class path: ContainerProvider must find Halyard's client through the
 * automatic module's service registration, and the client must work from there, with a programmatic
 * and an annotated endpoint of the application's module. The server is the samples' echo on embedded
 * Tomcat in this JVM.
 */
class ModularClientTest {

    private static final String APPLICATION = "dev.halyard.modularapp/dev.halyard.modularapp.EchoOverModulePath";

    @TempDir
    Path work;

    @Test
    void anApplicationOnTheModulePathConnectsThroughContainerProvider() throws Exception {
        Path classes = work.resolve("classes");
        String modulePath = modulePath(Jars.path("halyard-api-impl"), Jars.path("jakarta.websocket-api"),
                Jars.path("jakarta.websocket-client-api"));
        compile(modulePath, classes);

        try (SamplesLauncher server = SamplesLauncher.start(0)) {
            Run run = java("--module-path", classes + java.io.File.pathSeparator + modulePath, "-m", APPLICATION,
                    "ws://localhost:" + server.port() + "/echo", "hello from the module path");

            assertThat(run.output().lines()).as(run.output()).contains(
                    "container: dev.halyard.websocket.client.HalyardClientContainer in module dev.halyard.websocket",
                    "application module: dev.halyard.modularapp",
                    "echo: hello from the module path",
                    "annotated echo: hello from the module path");
            assertThat(run.exitCode()).as(run.output()).isZero();
        }
    }

    private static void compile(String modulePath, Path classes) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--module-path", modulePath, "-d", classes.toString()));
        try (Stream<Path> sources = Files.walk(Path.of(System.getProperty("halyard.modularApp")))) {
            sources.filter(path -> path.toString().endsWith(".java")).map(Path::toString).forEach(arguments::add);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac's exit code").isZero();
    }

    private static String modulePath(Path... jars) {
        return Stream.of(jars).map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private Run java(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(arguments));
        Path output = work.resolve("output");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        // A bound on a run that hangs, not a measurement: the application waits 30 s at most for its echo
        boolean ended = process.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        return new Run(ended ? process.exitValue() : -1, Files.readString(output, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {
    }
}
