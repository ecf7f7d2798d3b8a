// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/** What both embedded containers do with a deployment. */
final class Deployments {

    private Deployments() {
    }

    /** "/name" for "name.war". */
    static String contextPath(Archive<?> archive) {
        String name = archive.getName();
        return "/" + (name.endsWith(".war") ? name.substring(0, name.length() - 4) : name);
    }

    static Path export(Archive<?> archive, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path war = directory.resolve(archive.getName());
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    /**
     * The URL the tests get. Negative-deployment tests deploy applications that must fail to
     * start and still connect to their context path, so it is given whether the application
     * started or not (the "default" servlet stands for the whole context).
     */
    static ProtocolMetaData metaData(String host, int port, String contextPath) {
        return new ProtocolMetaData().addContext(new HTTPContext(host, port).add(new Servlet("default", contextPath)));
    }

    static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
