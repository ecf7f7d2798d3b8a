// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.modular;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every published jar (each module the root POM lists that does not set maven.deploy.skip) as a Java
 * module and in the BOM: a module added later is held to the same rules, and the failure says what it
 * lacks.
 */
class PublishedJarsTest {

    private static final String MODULE_PREFIX = "dev.halyard.websocket";

    @Test
    void theBomManagesEveryPublishedJarAtTheProjectsVersion() {
        String version = PublishedModules.version("api-impl");
        assertThat(PublishedModules.version("bom")).as("the BOM's version").isEqualTo(version);
        List<String> managed = PublishedModules.bomEntries().stream()
                .filter(entry -> entry[0].equals("dev.halyard") && entry[2].equals("${project.version}"))
                .map(entry -> entry[1])
                .toList();
        for (PublishedModules.Module module : PublishedModules.jars()) {
            assertThat(managed).as("bom/pom.xml manages %s at ${project.version}", module.artifactId())
                    .contains(module.artifactId());
        }
    }

    @Test
    void everyPublishedJarIsAnAutomaticModuleNamedByItsPom() {
        for (PublishedModules.Module module : PublishedModules.jars()) {
            assertThat(module.moduleName()).as("%s sets halyard.module.name in its pom.xml", module.artifactId())
                    .hasValueSatisfying(name -> assertThat(name).startsWith(MODULE_PREFIX));
            ModuleDescriptor descriptor = descriptor(jar(module));
            assertThat(descriptor.isAutomatic()).isTrue();
            assertThat(descriptor.name()).as("the module name of %s's jar", module.artifactId())
                    .isEqualTo(module.moduleName().orElseThrow());
        }
    }

    @Test
    void noTwoPublishedJarsShareAPackage() {
        Map<String, String> owners = new HashMap<>();
        for (PublishedModules.Module module : PublishedModules.jars()) {
            for (String pkg : descriptor(jar(module)).packages()) {
                String earlier = owners.putIfAbsent(pkg, module.artifactId());
                assertThat(earlier).as("package %s is in %s and in %s", pkg, earlier, module.artifactId()).isNull();
            }
        }
        // As the JVM sees it: all of them in one layer, one class loader
        Path[] jars = PublishedModules.jars().stream().map(PublishedJarsTest::jar).toArray(Path[]::new);
        ModuleFinder finder = ModuleFinder.of(jars);
        Set<String> names = finder.findAll().stream().map(reference -> reference.descriptor().name())
                .collect(Collectors.toSet());
        Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), names);
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, getClass().getClassLoader());
        assertThat(layer.modules()).hasSize(jars.length);
    }

    @Test
    void halyardsClientIsAServiceOfItsModule() {
        ModuleDescriptor descriptor = descriptor(Jars.path("halyard-api-impl"));
        assertThat(descriptor.provides())
                .anySatisfy(provides -> {
                    assertThat(provides.service()).isEqualTo("jakarta.websocket.ContainerProvider");
                    assertThat(provides.providers()).containsExactly("dev.halyard.websocket.client.HalyardContainerProvider");
                });
    }

    private static Path jar(PublishedModules.Module module) {
        return Jars.path(module.artifactId());
    }

    private static ModuleDescriptor descriptor(Path jar) {
        Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
        assertThat(found).as("modules in %s", jar).hasSize(1);
        return found.iterator().next().descriptor();
    }
}
