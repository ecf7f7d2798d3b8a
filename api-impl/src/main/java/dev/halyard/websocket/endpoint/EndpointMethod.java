// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import dev.halyard.websocket.coder.BuiltInCoders;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An annotated method bound once, at deployment, to a method handle that draws each argument from
 * what the call has ({@link #SOURCES}): no reflection, argument array or context object per call, so
 * an {@code @OnMessage} call allocates nothing of its own, and sessions share the handle safely.
 */
final class EndpointMethod {

    /** What a call can draw its arguments from, in the order the handle takes them after the instance. */
    private static final Class<?>[] SOURCES = {Session.class, EndpointConfig.class, CloseReason.class, Throwable.class,
        Object.class, boolean.class};
    /** (Session, String name, Class type) -> Object: a path parameter's value, parsed as the parameter's type. */
    private static final MethodHandle PATH_PARAMETER;

    static {
        try {
            PATH_PARAMETER = MethodHandles.lookup().findStatic(EndpointMethod.class, "pathParameter",
                    MethodType.methodType(Object.class, Session.class, String.class, Class.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Method method;
    /** (Object instance, Session, EndpointConfig, CloseReason, Throwable, Object payload, boolean last) -> Object. */
    private final MethodHandle invoker;
    private final Argument[] arguments;

    EndpointMethod(Method method, List<Argument> arguments) throws DeploymentException {
        this.method = method;
        this.arguments = arguments.toArray(new Argument[0]);
        this.invoker = invoker(method, this.arguments);
    }

    Method method() {
        return method;
    }

    Argument[] arguments() {
        return arguments;
    }

    /** Calls a lifecycle method ({@code @OnOpen}, {@code @OnClose}, {@code @OnError}); whatever it throws goes to the caller. */
    Object invoke(Object instance, CallContext context) throws Throwable {
        return (Object) invoker.invokeExact(instance, context.session(), context.config(), context.closeReason(),
                context.error(), (Object) null, false);
    }

    /** Calls an {@code @OnMessage} method with a message, or a part of one; whatever it throws goes to the caller. */
    Object invoke(Object instance, CallContext context, Object payload, boolean last) throws Throwable {
        return (Object) invoker.invokeExact(instance, context.session(), context.config(), (CloseReason) null,
                (Throwable) null, payload, last);
    }

    /** A parameter's value from the session's path (Jakarta WebSocket 2.2 §4.3). */
    private static Object pathParameter(Session session, String name, Class<?> type) throws DecodeException {
        String raw = session.getPathParameters().get(name);
        if (raw == null || type == String.class) {
            return raw; // a name not in the path gives null
        }
        return BuiltInCoders.parse(raw, type); // DecodeException reaches onError
    }

    /**
     * The method's handle with each parameter fed by its argument's source: {@code (instance, P1..Pn)}
     * becomes {@code (instance, SOURCES x n)} by one filter per parameter, then {@code (instance, SOURCES)}.
     */
    private static MethodHandle invoker(Method method, Argument[] arguments) throws DeploymentException {
        MethodHandle handle = unreflect(method);
        if (Modifier.isStatic(method.getModifiers())) {
            handle = MethodHandles.dropArguments(handle, 0, Object.class);
        }
        handle = handle.asType(handle.type().changeParameterType(0, Object.class).changeReturnType(Object.class));
        for (int i = arguments.length - 1; i >= 0; i--) { // from the last, so that the earlier positions stay put
            Class<?> parameter = handle.type().parameterType(1 + i);
            MethodHandle source = source(arguments[i]).asType(MethodType.methodType(parameter, SOURCES));
            handle = MethodHandles.collectArguments(handle, 1 + i, source);
        }
        int[] reorder = new int[1 + arguments.length * SOURCES.length];
        for (int i = 1; i < reorder.length; i++) {
            reorder[i] = 1 + (i - 1) % SOURCES.length;
        }
        return MethodHandles.permuteArguments(handle, MethodType.methodType(Object.class, Object.class, SOURCES), reorder);
    }

    /** {@code (SOURCES) -> value} of one argument: the source at its index in {@link #SOURCES}, or a parsed path parameter. */
    private static MethodHandle source(Argument argument) {
        return switch (argument.source()) {
            case SESSION -> pick(0);
            case ENDPOINT_CONFIG -> pick(1);
            case CLOSE_REASON -> pick(2);
            case THROWABLE -> pick(3);
            case PAYLOAD -> pick(4);
            case LAST_PART -> pick(5);
            case PATH_PARAMETER -> MethodHandles.dropArguments(
                    MethodHandles.insertArguments(PATH_PARAMETER, 1, argument.pathParameter(), argument.type()),
                    1, Arrays.copyOfRange(SOURCES, 1, SOURCES.length)); // (Session) -> value
        };
    }

    /** {@code (SOURCES) -> SOURCES[index]}. */
    private static MethodHandle pick(int index) {
        MethodHandle identity = MethodHandles.identity(SOURCES[index]);
        identity = MethodHandles.dropArguments(identity, 0, Arrays.copyOfRange(SOURCES, 0, index));
        return MethodHandles.dropArguments(identity, index + 1, Arrays.copyOfRange(SOURCES, index + 1, SOURCES.length));
    }

    private static MethodHandle unreflect(Method method) throws DeploymentException {
        try {
            return MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublic) {
            try {
                method.setAccessible(true); // a public method declared in a non-public superclass
                return MethodHandles.lookup().unreflect(method);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new DeploymentException("Cannot call " + describe(method) + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code EchoEndpoint.onText(String, int)}: how messages name a method. */
    static String describe(Method method) {
        return simpleName(method.getDeclaringClass()) + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(EndpointMethod::simpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * The simple name, read from the binary name: Class.getSimpleName() loads the enclosing class of a
     * nested one, which an application may leave out (COMPATIBILITY.md C10).
     */
    static String simpleName(Class<?> type) {
        if (type.isArray()) {
            return simpleName(type.getComponentType()) + "[]";
        }
        String name = type.getName();
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }
}
