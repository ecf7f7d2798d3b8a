// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import dev.halyard.websocket.coder.BuiltInCoders;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.PathParam;
import java.lang.reflect.Parameter;
import java.util.Set;

/**
 * The {@code @PathParam} parameters an endpoint's methods may take, checked against the variables of
 * its path template (Jakarta WebSocket 2.2 §4.3).
 */
final class PathParameters {

    /** The variables of the server endpoint's path template; null for a client endpoint, which has none. */
    private final Set<String> pathVariables;

    PathParameters(Set<String> pathVariables) {
        this.pathVariables = pathVariables;
    }

    /**
     * A @PathParam parameter, checked, or null if the parameter has none.
     *
     * @param where the method, for error messages: {@code "@OnOpen method Chat.open(Session) of com.example.Chat"}
     */
    Argument argument(Parameter parameter, String where) throws DeploymentException {
        PathParam pathParam = parameter.getAnnotation(PathParam.class);
        if (pathParam == null) {
            return null;
        }
        Class<?> parameterType = parameter.getType();
        if (pathParam.value() == null || pathParam.value().isEmpty()) {
            throw new DeploymentException(where + " has a @PathParam with no name (Jakarta WebSocket 2.2 §4.3)");
        }
        if (parameterType != String.class && !BuiltInCoders.isPrimitiveOrBox(parameterType)) {
            throw new DeploymentException(where + " has @PathParam(\"" + pathParam.value() + "\") on a parameter of type "
                    + parameterType.getName() + "; a path parameter must be a String, a Java primitive or its box "
                    + "(Jakarta WebSocket 2.2 §4.3)");
        }
        String name = variableName(pathParam.value());
        if (parameterType.isPrimitive() && (pathVariables == null || !pathVariables.contains(name))) {
            throw new DeploymentException(where + " has @PathParam(\"" + pathParam.value() + "\") of primitive type "
                    + parameterType.getName() + ", but the endpoint path has no variable {" + name
                    + "} to give it a value; use a String or a box, which would be null");
        }
        return new Argument(Argument.Source.PATH_PARAMETER, name, parameterType);
    }

    /**
     * The template variable a @PathParam names. {@code "{room}"}, written as it appears in the
     * path, names {@code room} (COMPATIBILITY.md C11).
     */
    private static String variableName(String value) {
        return value.length() > 2 && value.startsWith("{") && value.endsWith("}") ? value.substring(1, value.length() - 1) : value;
    }
}
