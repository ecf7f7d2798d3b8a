// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import jakarta.websocket.MessageHandler;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the type argument a class gives a generic interface: the {@code T} of a
 * {@code MessageHandler.Whole<T>}, {@code Decoder.Text<T>} or {@code Encoder.Binary<T>},
 * following type variables through superclasses and interfaces ({@code class MyHandler extends
 * Base<String>} where {@code Base<T> implements Whole<T>}). Used once per handler or coder class,
 * never per message.
 */
public final class TypeArguments {

    private TypeArguments() {
    }

    /** The class {@code type} gives the first type parameter of {@code genericInterface}, or null when it cannot be told. */
    public static Class<?> of(Class<?> type, Class<?> genericInterface) {
        Type found = find(type, genericInterface, new HashMap<>());
        return found == null ? null : rawClass(found);
    }

    /**
     * @throws IllegalStateException when the type cannot be found, as for a lambda, naming the
     *     two-argument {@code addMessageHandler} to use instead
     */
    static Class<?> messageType(MessageHandler handler, Class<?> handlerInterface) {
        Class<?> raw = of(handler.getClass(), handlerInterface);
        if (raw == null) {
            throw new IllegalStateException("Cannot tell the message type of " + handler.getClass().getName()
                    + " (a lambda or a generic class); register it with Session.addMessageHandler(Class, "
                    + handlerInterface.getSimpleName() + ") instead");
        }
        return raw;
    }

    /** The type argument of {@code target} as seen from {@code type}, or null. */
    private static Type find(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = rawClass(type);
        if (raw == null) {
            return null;
        }
        if (type instanceof ParameterizedType) {
            ParameterizedType parameterized = (ParameterizedType) type;
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], resolve(arguments[i], bindings));
            }
            if (raw == target) {
                return resolve(arguments[0], bindings);
            }
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = find(parent, target, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, target, bindings);
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        Type resolved = type;
        while (resolved instanceof TypeVariable && bindings.containsKey(resolved)) {
            resolved = bindings.get(resolved);
        }
        return resolved;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        if (type instanceof GenericArrayType) {
            Class<?> component = rawClass(((GenericArrayType) type).getGenericComponentType());
            return component == null ? null : component.arrayType();
        }
        return null; // an unbound type variable or a wildcard
    }
}
