// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import static dev.halyard.websocket.endpoint.EndpointMethod.describe;

import dev.halyard.websocket.coder.EndpointCoders;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * An annotated endpoint class, introspected and checked once at deployment (Jakarta WebSocket 2.2
 * chapter 4): its {@code @OnOpen}, {@code @OnClose}, {@code @OnError} and {@code @OnMessage}
 * methods bound to method handles. A class that breaks a rule gets a {@link DeploymentException}
 * naming the class, the method and the rule; nothing is deployed half-way. The parameters of an
 * {@code @OnMessage} method are read by {@link MessageSignature}, {@code @PathParam}s by
 * {@link PathParameters}.
 */
public final class AnnotatedEndpointModel {

    private final Class<?> type;
    private final EndpointMethod onOpen;
    private final EndpointMethod onClose;
    private final EndpointMethod onError;
    private final List<MessageMethod> messageMethods;

    private AnnotatedEndpointModel(Class<?> type, EndpointMethod onOpen, EndpointMethod onClose, EndpointMethod onError,
            List<MessageMethod> messageMethods) {
        this.type = type;
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.onError = onError;
        this.messageMethods = List.copyOf(messageMethods);
    }

    /**
     * @param pathVariables the variables of the server endpoint's path template; null for a client endpoint
     * @param coders the endpoint's encoders and decoders, already checked
     */
    public static AnnotatedEndpointModel of(Class<?> type, Set<String> pathVariables, EndpointCoders coders)
            throws DeploymentException {
        return new Introspection(type, pathVariables, coders).run();
    }

    public Class<?> type() {
        return type;
    }

    EndpointMethod onOpen() {
        return onOpen;
    }

    EndpointMethod onClose() {
        return onClose;
    }

    EndpointMethod onError() {
        return onError;
    }

    List<MessageMethod> messageMethods() {
        return messageMethods;
    }

    /**
     * Whether {@code type} is an inner (non-static nested, local or anonymous) class, which cannot be
     * an endpoint. A static nested class is told by its modifiers alone, without loading the class
     * around it, which a WAR may leave out; a non-static class whose enclosing class cannot be
     * loaded counts as inner (COMPATIBILITY.md C10).
     */
    public static boolean isInnerClass(Class<?> type) {
        if (Modifier.isStatic(type.getModifiers())) {
            return false;
        }
        try {
            return type.getEnclosingClass() != null;
        } catch (LinkageError e) {
            return true;
        }
    }

    /** A Jakarta {@code Endpoint} serving one connection with {@code instance}. */
    public AnnotatedEndpoint newEndpoint(Object instance) {
        return new AnnotatedEndpoint(this, instance);
    }

    /** The checks, in the order a reader of the spec would make them. */
    private static final class Introspection {

        private final Class<?> type;
        private final PathParameters pathParameters;
        private final EndpointCoders coders;
        private EndpointMethod onOpen;
        private EndpointMethod onClose;
        private EndpointMethod onError;
        private final List<MessageMethod> messages = new ArrayList<>();

        Introspection(Class<?> type, Set<String> pathVariables, EndpointCoders coders) {
            this.type = type;
            this.pathParameters = new PathParameters(pathVariables);
            this.coders = coders;
        }

        AnnotatedEndpointModel run() throws DeploymentException {
            int modifiers = type.getModifiers();
            if (!Modifier.isPublic(modifiers)) {
                throw new DeploymentException("Endpoint class " + type.getName() + " must be public (Jakarta WebSocket 2.2 §4.8)");
            }
            if (Modifier.isAbstract(modifiers) || type.isInterface()) {
                throw new DeploymentException("Endpoint class " + type.getName() + " must be a concrete class, not "
                        + (type.isInterface() ? "an interface" : "abstract"));
            }
            if (isInnerClass(type)) {
                throw new DeploymentException("Endpoint class " + type.getName()
                        + " is an inner class; it must be a top-level or static nested class");
            }
            for (Method method : callbackMethods()) {
                if (method.isAnnotationPresent(OnOpen.class)) {
                    onOpen = lifecycle(method, OnOpen.class, onOpen, Set.of(Argument.Source.SESSION, Argument.Source.ENDPOINT_CONFIG));
                }
                if (method.isAnnotationPresent(OnClose.class)) {
                    onClose = lifecycle(method, OnClose.class, onClose, Set.of(Argument.Source.SESSION, Argument.Source.CLOSE_REASON));
                }
                if (method.isAnnotationPresent(OnError.class)) {
                    onError = lifecycle(method, OnError.class, onError, Set.of(Argument.Source.SESSION, Argument.Source.THROWABLE));
                    if (Arrays.stream(onError.arguments()).noneMatch(a -> a.source() == Argument.Source.THROWABLE)) {
                        throw new DeploymentException(where("@OnError", method)
                                + " must have a Throwable parameter (Jakarta WebSocket 2.2 §4.6)");
                    }
                }
                if (method.isAnnotationPresent(OnMessage.class)) {
                    addMessageMethod(method);
                }
            }
            return new AnnotatedEndpointModel(type, onOpen, onClose, onError, messages);
        }

        /**
         * The public methods with a WebSocket annotation, from the class up through its superclasses.
         * A method overridden lower down counts only if the override is annotated itself
         * (Jakarta WebSocket 2.2 §4.8); a non-public annotated method is an error.
         */
        private List<Method> callbackMethods() throws DeploymentException {
            List<Method> found = new ArrayList<>();
            List<Method> seen = new ArrayList<>();
            for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
                for (Method method : current.getDeclaredMethods()) {
                    if (method.isSynthetic() || method.isBridge()) {
                        continue;
                    }
                    boolean overridden = seen.stream().anyMatch(lower -> overrides(lower, method));
                    seen.add(method);
                    if (overridden || !isCallback(method)) {
                        continue;
                    }
                    if (!Modifier.isPublic(method.getModifiers())) {
                        throw new DeploymentException(where(annotationName(method), method) + " must be public");
                    }
                    found.add(method);
                }
            }
            return found;
        }

        private static boolean overrides(Method lower, Method upper) {
            return lower.getName().equals(upper.getName()) && Arrays.equals(lower.getParameterTypes(), upper.getParameterTypes())
                    && !Modifier.isPrivate(upper.getModifiers()) && !Modifier.isStatic(upper.getModifiers());
        }

        private static boolean isCallback(Method method) {
            return method.isAnnotationPresent(OnOpen.class) || method.isAnnotationPresent(OnClose.class)
                    || method.isAnnotationPresent(OnError.class) || method.isAnnotationPresent(OnMessage.class);
        }

        private static String annotationName(Method method) {
            for (Class<? extends Annotation> annotation : List.of(OnOpen.class, OnClose.class, OnError.class, OnMessage.class)) {
                if (method.isAnnotationPresent(annotation)) {
                    return "@" + annotation.getSimpleName();
                }
            }
            return "A";
        }

        /** How error messages name a method: {@code "@OnOpen method Chat.open(Session) of com.example.Chat"}. */
        private String where(String annotation, Method method) {
            return annotation + " method " + describe(method) + " of " + type.getName();
        }

        /** An @OnOpen, @OnClose or @OnError method: its special parameters, at most one each, and path parameters. */
        private EndpointMethod lifecycle(Method method, Class<? extends Annotation> annotation, EndpointMethod existing,
                Set<Argument.Source> allowed) throws DeploymentException {
            String name = "@" + annotation.getSimpleName();
            if (existing != null) {
                throw new DeploymentException("Endpoint class " + type.getName() + " has more than one " + name + " method: "
                        + describe(existing.method()) + " and " + describe(method) + " (Jakarta WebSocket 2.2 §4.4-4.6)");
            }
            List<Argument> arguments = new ArrayList<>();
            String where = where(name, method);
            for (Parameter parameter : method.getParameters()) {
                Argument argument = pathParameters.argument(parameter, where);
                if (argument == null) {
                    argument = special(parameter.getType());
                    if (argument == null || !allowed.contains(argument.source())) {
                        throw new DeploymentException(where + " has a parameter of type " + parameter.getType().getName()
                                + " that it may not take; " + name + " takes " + describeAllowed(allowed)
                                + " and @PathParam parameters");
                    }
                    requireUnique(arguments, argument, where);
                }
                arguments.add(argument);
            }
            return new EndpointMethod(method, arguments);
        }

        private static String describeAllowed(Set<Argument.Source> allowed) {
            List<String> names = new ArrayList<>();
            if (allowed.contains(Argument.Source.SESSION)) {
                names.add("a Session");
            }
            if (allowed.contains(Argument.Source.ENDPOINT_CONFIG)) {
                names.add("an EndpointConfig");
            }
            if (allowed.contains(Argument.Source.CLOSE_REASON)) {
                names.add("a CloseReason");
            }
            if (allowed.contains(Argument.Source.THROWABLE)) {
                names.add("a Throwable");
            }
            return String.join(", ", names);
        }

        private static void requireUnique(List<Argument> arguments, Argument argument, String where) throws DeploymentException {
            for (Argument earlier : arguments) {
                if (earlier.source() == argument.source()) {
                    throw new DeploymentException(where + " has more than one " + argument.type().getSimpleName() + " parameter");
                }
            }
        }

        private static Argument special(Class<?> parameterType) {
            if (parameterType == Session.class) {
                return Argument.of(Argument.Source.SESSION, parameterType);
            }
            if (parameterType == EndpointConfig.class) {
                return Argument.of(Argument.Source.ENDPOINT_CONFIG, parameterType);
            }
            if (parameterType == CloseReason.class) {
                return Argument.of(Argument.Source.CLOSE_REASON, parameterType);
            }
            if (parameterType == Throwable.class) {
                return Argument.of(Argument.Source.THROWABLE, parameterType);
            }
            return null;
        }

        /**
         * An @OnMessage method: what its parameters take, its size limit and return type, and no
         * kind of message that an earlier one takes already (Jakarta WebSocket 2.2 §4.7).
         */
        private void addMessageMethod(Method method) throws DeploymentException {
            String where = where("@OnMessage", method);
            MessageMethod message = MessageMethod.of(method, where, MessageSignature.of(method, where, pathParameters, coders),
                    coders);
            for (MessageMethod other : messages) {
                for (MessageSignature.Kind kind : MessageSignature.Kind.values()) {
                    if (other.takes(kind) && message.takes(kind)) {
                        throw new DeploymentException("Endpoint class " + type.getName() + " has two @OnMessage methods for "
                                + kind.label() + " messages: " + describe(other.method().method()) + " and " + describe(method)
                                + " (Jakarta WebSocket 2.2 §4.7)");
                    }
                }
            }
            messages.add(message);
        }
    }
}
