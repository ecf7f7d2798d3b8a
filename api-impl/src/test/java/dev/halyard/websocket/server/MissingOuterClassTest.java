// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A static nested endpoint whose enclosing class is not in the application (the TCK's WARs leave
 * out the test class around their endpoints): it deploys, although Class.getEnclosingClass() throws.
 */
class MissingOuterClassTest {

    /** Defines the classes of package outerless itself, except Outer, which it cannot find. */
    private static final class WithoutOuter extends ClassLoader {
        WithoutOuter() {
            super(MissingOuterClassTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.halyard.websocket.server.outerless.")) {
                return super.loadClass(name, resolve);
            }
            if (name.endsWith(".Outer")) {
                throw new ClassNotFoundException(name + " is not in this application");
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    @Test
    void aStaticNestedEndpointDeploysWithoutItsEnclosingClass() throws Exception {
        Class<?> nested = new WithoutOuter().loadClass("dev.halyard.websocket.server.outerless.Outer$Nested");
        assertThatThrownBy(nested::getEnclosingClass).as("the situation of the TCK's WARs").isInstanceOf(LinkageError.class);

        ScannedEndpoints.Plan plan = ScannedEndpoints.plan(Set.of(nested));
        assertThat(plan.annotated()).containsExactly(nested);
        assertThat(ServerEndpointDefinition.ofAnnotated(nested).path().toString()).isEqualTo("/nested");
    }
}
