// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import dev.halyard.websocket.diagnostics.WarnOnce;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Endpoint instances from CDI, when a CDI container runs: created as non-contextual instances
 * ({@code jakarta.enterprise.inject.spi.Unmanaged}), so {@code @Inject} fields and
 * {@code @PostConstruct} work in endpoints, and released with {@code @PreDestroy} when the session
 * ends. Halyard does not depend on CDI: the API is found by name once, and without it (or without
 * a running container) endpoints are constructed plainly.
 */
public final class CdiInstances {

    /** A created instance and how to release it. */
    public record Managed<T>(T instance, Runnable release) {
    }

    private static final Api API = Api.find();
    /** A @PreDestroy that throws does so for every session: once per endpoint class. */
    private static final WarnOnce WARNINGS = new WarnOnce(System.getLogger(CdiInstances.class.getName()));

    private CdiInstances() {
    }

    /**
     * A new instance of {@code type} with its injections done, or null when no CDI container is
     * running for the calling application.
     */
    public static <T> Managed<T> create(Class<T> type) throws InstantiationException {
        if (API == null) {
            return null;
        }
        Object beanManager = API.beanManager();
        if (beanManager == null) {
            return null;
        }
        try {
            Object unmanaged = API.newUnmanaged.invoke(beanManager, type);
            Object instance = API.newInstance.invoke(unmanaged);
            API.produce.invoke(instance);
            API.inject.invoke(instance);
            API.postConstruct.invoke(instance);
            T created = type.cast(API.get.invoke(instance));
            return new Managed<>(created, () -> release(instance));
        } catch (Throwable e) {
            InstantiationException failure = new InstantiationException("CDI could not create endpoint " + type.getName() + ": " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    private static void release(Object unmanagedInstance) {
        try {
            API.preDestroy.invoke(unmanagedInstance);
            API.dispose.invoke(unmanagedInstance);
        } catch (Throwable e) {
            WARNINGS.log(unmanagedInstance.getClass().getName(), "Releasing a CDI endpoint instance of "
                    + unmanagedInstance.getClass().getName() + " failed", e);
        }
    }

    /** The CDI methods Halyard calls, looked up once. */
    private static final class Api {
        final MethodHandle current;
        final MethodHandle getBeanManager;
        final MethodHandle newUnmanaged;
        final MethodHandle newInstance;
        final MethodHandle produce;
        final MethodHandle inject;
        final MethodHandle postConstruct;
        final MethodHandle get;
        final MethodHandle preDestroy;
        final MethodHandle dispose;

        private Api(ClassLoader loader) throws ReflectiveOperationException {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> cdi = Class.forName("jakarta.enterprise.inject.spi.CDI", false, loader);
            Class<?> beanManager = Class.forName("jakarta.enterprise.inject.spi.BeanManager", false, loader);
            Class<?> unmanaged = Class.forName("jakarta.enterprise.inject.spi.Unmanaged", false, loader);
            Class<?> instance = Class.forName("jakarta.enterprise.inject.spi.Unmanaged$UnmanagedInstance", false, loader);
            current = lookup.findStatic(cdi, "current", MethodType.methodType(cdi));
            getBeanManager = lookup.findVirtual(cdi, "getBeanManager", MethodType.methodType(beanManager));
            newUnmanaged = lookup.findConstructor(unmanaged, MethodType.methodType(void.class, beanManager, Class.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Class.class));
            newInstance = lookup.findVirtual(unmanaged, "newInstance", MethodType.methodType(instance))
                    .asType(MethodType.methodType(Object.class, Object.class));
            produce = step(lookup, instance, "produce");
            inject = step(lookup, instance, "inject");
            postConstruct = step(lookup, instance, "postConstruct");
            preDestroy = step(lookup, instance, "preDestroy");
            dispose = step(lookup, instance, "dispose");
            get = lookup.findVirtual(instance, "get", MethodType.methodType(Object.class))
                    .asType(MethodType.methodType(Object.class, Object.class));
        }

        private static MethodHandle step(MethodHandles.Lookup lookup, Class<?> instance, String name)
                throws ReflectiveOperationException {
            return lookup.findVirtual(instance, name, MethodType.methodType(instance))
                    .asType(MethodType.methodType(Object.class, Object.class));
        }

        static Api find() {
            try {
                return new Api(CdiInstances.class.getClassLoader());
            } catch (ReflectiveOperationException | LinkageError e) {
                return null; // no CDI API: plain construction
            }
        }

        /** The running container's BeanManager, or null when none runs. */
        Object beanManager() {
            try {
                return getBeanManager.invoke(current.invoke());
            } catch (IllegalStateException e) {
                return null; // the API is there, no container is
            } catch (Throwable e) {
                return null;
            }
        }
    }
}
