// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import dev.halyard.websocket.endpoint.AnnotatedEndpointModel;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to deploy from the classes a scan found (Jakarta WebSocket 2.2 §6.2): with no
 * {@link ServerApplicationConfig}, every annotated endpoint; with some, the union of what each
 * returns. Subclasses of annotated endpoints that are not annotated themselves, non-public and
 * abstract classes are left out (§4.8).
 */
public final class ScannedEndpoints {

    /** The annotated classes and programmatic configurations to deploy. */
    public record Plan(Set<Class<?>> annotated, Set<ServerEndpointConfig> programmatic) {
    }

    private ScannedEndpoints() {
    }

    public static Plan plan(Set<Class<?>> scanned) throws DeploymentException {
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        List<Class<?>> applicationConfigs = new java.util.ArrayList<>();
        for (Class<?> type : sorted(scanned)) {
            if (!isDeployable(type)) {
                continue;
            }
            if (ServerApplicationConfig.class.isAssignableFrom(type)) {
                applicationConfigs.add(type);
            }
            if (type.isAnnotationPresent(ServerEndpoint.class)) { // not @Inherited: subclasses are not endpoints
                annotated.add(type);
            }
            if (Endpoint.class.isAssignableFrom(type)) {
                programmatic.add(type.asSubclass(Endpoint.class));
            }
        }
        if (applicationConfigs.isEmpty()) {
            return new Plan(annotated, Set.of());
        }
        Set<Class<?>> chosenAnnotated = new LinkedHashSet<>();
        Set<ServerEndpointConfig> chosenProgrammatic = new LinkedHashSet<>();
        for (Class<?> type : applicationConfigs) {
            ServerApplicationConfig config = newApplicationConfig(type);
            Set<ServerEndpointConfig> configs = config.getEndpointConfigs(Set.copyOf(programmatic));
            Set<Class<?>> classes = config.getAnnotatedEndpointClasses(Set.copyOf(annotated));
            if (configs != null) {
                chosenProgrammatic.addAll(configs);
            }
            if (classes != null) {
                chosenAnnotated.addAll(classes);
            }
        }
        return new Plan(chosenAnnotated, chosenProgrammatic);
    }

    private static boolean isDeployable(Class<?> type) {
        int modifiers = type.getModifiers();
        return Modifier.isPublic(modifiers) && !Modifier.isAbstract(modifiers) && !type.isInterface()
                && !AnnotatedEndpointModel.isInnerClass(type);
    }

    /** A stable order, so deployment (and its errors) does not depend on how the container scanned. */
    private static List<Class<?>> sorted(Set<Class<?>> scanned) {
        return scanned.stream().sorted(Comparator.comparing(Class::getName)).toList();
    }

    private static ServerApplicationConfig newApplicationConfig(Class<?> type) throws DeploymentException {
        try {
            return (ServerApplicationConfig) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException("ServerApplicationConfig " + type.getName()
                    + " cannot be created: it needs a public no-argument constructor (" + e + ")", e);
        }
    }
}
