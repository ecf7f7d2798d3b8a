// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.modular;

import java.nio.file.Files;
import java.nio.file.Path;

/** The jars the build copied for the module path (target/modules, versions stripped). */
final class Jars {

    private Jars() {
    }

    static Path path(String artifactId) {
        Path jar = Path.of(System.getProperty("halyard.modules"), artifactId + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: a published module must be a dependency of"
                    + " modular-tests (its pom.xml), and these tests run with mvn verify, which packages the"
                    + " reactor's jars and copies them there first");
        }
        return jar;
    }
}
