// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoint instances for server and client endpoints alike: from CDI when a CDI container runs (so
 * {@code @Inject} and {@code @PostConstruct} work), otherwise from the public no-argument
 * constructor. An instance CDI made is released ({@code @PreDestroy}) once its session has ended.
 */
public final class EndpointInstances {

    /** CDI instances still to release, by identity (an endpoint may override equals). */
    private static final Map<Identity, Runnable> RELEASES = new ConcurrentHashMap<>();

    private EndpointInstances() {
    }

    /** A new instance of {@code type}. */
    public static <T> T create(Class<T> type) throws InstantiationException {
        CdiInstances.Managed<T> managed = CdiInstances.create(type);
        if (managed != null) {
            RELEASES.put(new Identity(managed.instance()), managed.release());
            return managed.instance();
        }
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw instantiation(type, "it has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw instantiation(type, "its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw instantiation(type, e.toString(), e);
        }
    }

    /**
     * Releases an instance {@link #create} made through CDI; a no-op for any other object. For an
     * annotated endpoint, pass the application's object, not its {@link AnnotatedEndpoint}.
     */
    public static void release(Object instance) {
        Object target = instance instanceof AnnotatedEndpoint ? ((AnnotatedEndpoint) instance).instance() : instance;
        Runnable release = RELEASES.remove(new Identity(target));
        if (release != null) {
            release.run();
        }
    }

    private record Identity(Object instance) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity && ((Identity) other).instance == instance;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(instance);
        }
    }

    private static InstantiationException instantiation(Class<?> type, String why, Throwable cause) {
        InstantiationException exception = new InstantiationException("Cannot create an instance of endpoint "
                + type.getName() + ": " + why);
        exception.initCause(cause);
        return exception;
    }
}
