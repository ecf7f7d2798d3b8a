// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** What the samples WAR carries: Halyard and the WebSocket API in WEB-INF/lib, each server's file, no container. */
class SamplesWarTest {

    @Test
    void carriesHalyardAndTheApiButNoContainerJar() throws Exception {
        try (ZipFile war = new ZipFile(DeployedSamplesTest.fromBuild("halyard.samples.war").toFile())) {
            List<String> libraries = war.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("WEB-INF/lib/".length()).replaceFirst("-\\d.*\\.jar$", ""))
                    .toList();
            assertThat(libraries).containsExactlyInAnyOrder("halyard-samples", "halyard-api-impl", "halyard-servlet-integration",
                    "halyard-jetty-integration", "halyard-tomcat-integration", "jakarta.websocket-api", "jakarta.websocket-client-api");
            assertThat(war.getEntry("META-INF/context.xml")).as("Tomcat's context.xml").isNotNull();
            assertThat(new String(war.getInputStream(war.getEntry("META-INF/context.xml")).readAllBytes(), StandardCharsets.UTF_8))
                    .contains("containerSciFilter=\"org.apache.tomcat.websocket.server.WsSci\"");
            assertThat(war.getEntry("WEB-INF/jetty-ee11-web.xml")).as("Jetty's jetty-ee11-web.xml").isNotNull();
        }
    }
}
