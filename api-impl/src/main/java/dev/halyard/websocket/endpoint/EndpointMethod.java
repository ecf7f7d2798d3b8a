// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import dev.halyard.websocket.coder.BuiltInCoders;
import jakarta.websocket.DeploymentException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An annotated method bound once, at deployment, to a method handle and an argument plan; each
 * call fills an argument array from a {@link CallContext} and invokes the handle. No reflection
 * per call.
 */
final class EndpointMethod {

    private final Method method;
    private final MethodHandle invoker;
    private final Argument[] arguments;

    EndpointMethod(Method method, List<Argument> arguments) throws DeploymentException {
        this.method = method;
        this.arguments = arguments.toArray(new Argument[0]);
        this.invoker = spreadInvoker(method);
    }

    Method method() {
        return method;
    }

    Argument[] arguments() {
        return arguments;
    }

    /** Calls the method on {@code instance}; whatever it throws goes to the caller. */
    Object invoke(Object instance, CallContext context) throws Throwable {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = value(arguments[i], context);
        }
        return (Object) invoker.invokeExact(instance, values);
    }

    private static Object value(Argument argument, CallContext context) throws Exception {
        switch (argument.source()) {
            case SESSION:
                return context.session();
            case ENDPOINT_CONFIG:
                return context.config();
            case CLOSE_REASON:
                return context.closeReason();
            case THROWABLE:
                return context.error();
            case PAYLOAD:
                return context.payload();
            case LAST_PART:
                return context.last();
            default:
                String raw = context.session().getPathParameters().get(argument.pathParameter());
                if (raw == null || argument.type() == String.class) {
                    return raw; // a name not in the path gives null (Jakarta WebSocket 2.2 §4.3)
                }
                return BuiltInCoders.parse(raw, argument.type()); // DecodeException reaches onError (§4.3)
        }
    }

    /** (Object instance, Object[] arguments) -> Object, for instance and static methods alike. */
    private static MethodHandle spreadInvoker(Method method) throws DeploymentException {
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublic) {
            try {
                method.setAccessible(true); // a public method declared in a non-public superclass
                handle = MethodHandles.lookup().unreflect(method);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new DeploymentException("Cannot call " + describe(method) + ": " + e.getMessage(), e);
            }
        }
        if (Modifier.isStatic(method.getModifiers())) {
            handle = MethodHandles.dropArguments(handle, 0, Object.class);
        }
        int count = method.getParameterCount();
        return handle.asType(handle.type().generic())
                .asSpreader(Object[].class, count)
                .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
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
