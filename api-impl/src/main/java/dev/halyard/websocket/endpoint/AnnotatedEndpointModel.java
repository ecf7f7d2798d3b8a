package dev.halyard.websocket.endpoint;

import static dev.halyard.websocket.endpoint.EndpointMethod.describe;

import dev.halyard.websocket.coder.BuiltInCoders;
import dev.halyard.websocket.coder.EndpointCoders;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * An annotated endpoint class, introspected and checked once at deployment (Jakarta WebSocket 2.2
 * chapter 4): its {@code @OnOpen}, {@code @OnClose}, {@code @OnError} and {@code @OnMessage}
 * methods bound to method handles. A class that breaks a rule gets a {@link DeploymentException}
 * naming the class, the method and the rule; nothing is deployed half-way.
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
     * around it, which a WAR may leave out (the TCK's do: there getEnclosingClass() throws a
     * LinkageError); a non-static class whose enclosing class cannot be loaded counts as inner.
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
        private final Set<String> pathVariables;
        private final EndpointCoders coders;
        private EndpointMethod onOpen;
        private EndpointMethod onClose;
        private EndpointMethod onError;
        private final List<MessageMethod> messages = new ArrayList<>();

        Introspection(Class<?> type, Set<String> pathVariables, EndpointCoders coders) {
            this.type = type;
            this.pathVariables = pathVariables;
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
                        throw new DeploymentException("@OnError method " + describe(method) + " of " + type.getName()
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
                        throw new DeploymentException(annotationName(method) + " method " + describe(method) + " of "
                                + type.getName() + " must be public");
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

        /** An @OnOpen, @OnClose or @OnError method: its special parameters, at most one each, and path parameters. */
        private EndpointMethod lifecycle(Method method, Class<? extends Annotation> annotation, EndpointMethod existing,
                Set<Argument.Source> allowed) throws DeploymentException {
            String name = "@" + annotation.getSimpleName();
            if (existing != null) {
                throw new DeploymentException("Endpoint class " + type.getName() + " has more than one " + name + " method: "
                        + describe(existing.method()) + " and " + describe(method) + " (Jakarta WebSocket 2.2 §4.4-4.6)");
            }
            List<Argument> arguments = new ArrayList<>();
            for (Parameter parameter : method.getParameters()) {
                Argument argument = pathParameter(method, name, parameter);
                if (argument == null) {
                    argument = special(parameter.getType());
                    if (argument == null || !allowed.contains(argument.source())) {
                        throw new DeploymentException(name + " method " + describe(method) + " of " + type.getName()
                                + " has a parameter of type " + parameter.getType().getName() + " that it may not take; "
                                + name + " takes " + describeAllowed(allowed) + " and @PathParam parameters");
                    }
                    requireUnique(arguments, argument, method, name);
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

        private void requireUnique(List<Argument> arguments, Argument argument, Method method, String name)
                throws DeploymentException {
            for (Argument earlier : arguments) {
                if (earlier.source() == argument.source()) {
                    throw new DeploymentException(name + " method " + describe(method) + " of " + type.getName()
                            + " has more than one " + argument.type().getSimpleName() + " parameter");
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

        /** A @PathParam parameter, checked (Jakarta WebSocket 2.2 §4.3), or null if the parameter has none. */
        private Argument pathParameter(Method method, String annotation, Parameter parameter) throws DeploymentException {
            PathParam pathParam = parameter.getAnnotation(PathParam.class);
            if (pathParam == null) {
                return null;
            }
            Class<?> parameterType = parameter.getType();
            String where = annotation + " method " + describe(method) + " of " + type.getName();
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
         * path, names {@code room}: braces cannot be part of a variable name, and the TCK's
         * websocketmessage endpoints write it that way.
         */
        private static String variableName(String value) {
            return value.length() > 2 && value.startsWith("{") && value.endsWith("}") ? value.substring(1, value.length() - 1) : value;
        }

        /**
         * An @OnMessage method: one payload (and a boolean for parts), an optional Session, path
         * parameters, in any order (the OnMessage javadoc).
         */
        private void addMessageMethod(Method method) throws DeploymentException {
            String where = "@OnMessage method " + describe(method) + " of " + type.getName();
            // First pass: what is not a path parameter or the Session is the payload, perhaps with a boolean for parts.
            List<Parameter> others = new ArrayList<>();
            boolean hasSession = false;
            for (Parameter parameter : method.getParameters()) {
                if (parameter.isAnnotationPresent(PathParam.class)) {
                    continue;
                }
                if (parameter.getType() == Session.class) {
                    if (hasSession) {
                        throw new DeploymentException(where + " has more than one Session parameter");
                    }
                    hasSession = true;
                    continue;
                }
                others.add(parameter);
            }
            Parameter payload = null;
            Parameter last = null;
            if (others.size() == 1) {
                payload = others.get(0);
            } else if (others.size() == 2) {
                int flag = others.get(1).getType() == boolean.class ? 1 : others.get(0).getType() == boolean.class ? 0 : -1;
                if (flag < 0) {
                    throw new DeploymentException(where + " has two message parameters, " + others.get(0).getType().getName()
                            + " and " + others.get(1).getType().getName() + "; it takes one (and a boolean for message parts)");
                }
                last = others.get(flag);
                payload = others.get(1 - flag);
                if (!isPartialPayload(payload.getType())) {
                    throw new DeploymentException(where + " has a boolean parameter for message parts, but its payload "
                            + payload.getType().getName() + " cannot come in parts; only String, ByteBuffer and byte[] can");
                }
            } else if (others.size() > 2) {
                throw new DeploymentException(where + " has " + others.size() + " parameters that are neither a @PathParam nor a "
                        + "Session; it takes one message parameter (and a boolean for message parts)");
            }
            if (payload == null) {
                throw new DeploymentException(where + " has no message parameter: it needs one of String, a Java primitive, "
                        + "Reader, ByteBuffer, byte[], InputStream, PongMessage, or a type a configured Decoder produces");
            }
            if (!isPayload(payload.getType())) {
                throw new DeploymentException(where + " has a parameter of type " + payload.getType().getName()
                        + " that is neither a @PathParam, a Session nor a payload it can decode: no configured Decoder produces it");
            }
            // Second pass: the argument plan, in parameter order.
            List<Argument> arguments = new ArrayList<>();
            for (Parameter parameter : method.getParameters()) {
                Argument argument = pathParameter(method, "@OnMessage", parameter);
                if (argument == null) {
                    argument = parameter == payload ? Argument.of(Argument.Source.PAYLOAD, parameter.getType())
                            : parameter == last ? Argument.of(Argument.Source.LAST_PART, boolean.class)
                            : Argument.of(Argument.Source.SESSION, Session.class);
                }
                arguments.add(argument);
            }
            boolean partial = last != null;
            Class<?> payloadType = payload.getType();
            boolean pong = payloadType == PongMessage.class;
            // A configured decoder for the payload type takes precedence over native delivery, as it
            // does for a programmatic handler (MessageHandlers.addWhole).
            boolean decoded = !pong && coders.hasDecoderFor(payloadType);
            boolean text = !pong && (decoded ? coders.decodesFromText(payloadType)
                    : payloadType == String.class || payloadType == Reader.class
                            || (!isNativeBinary(payloadType) && coders.decodesFromText(payloadType)));
            boolean binary = !pong && (decoded ? coders.decodesFromBinary(payloadType)
                    : isNativeBinary(payloadType) || coders.decodesFromBinary(payloadType));
            long maxSize = method.getAnnotation(OnMessage.class).maxMessageSize();
            if (maxSize > Integer.MAX_VALUE) {
                throw new DeploymentException(where + " has maxMessageSize " + maxSize + ", larger than a Java String or "
                        + "ByteBuffer can hold (Integer.MAX_VALUE, Jakarta WebSocket 2.2 §4.7.1)");
            }
            Class<?> returnType = method.getReturnType();
            if (returnType != void.class && !coders.encodes(returnType)) {
                throw new DeploymentException(where + " returns " + returnType.getName() + ", which it cannot send: "
                        + "return void, String, ByteBuffer, byte[], a Java primitive or its box, or a type a configured "
                        + "Encoder encodes");
            }
            MessageMethod message = new MessageMethod(new EndpointMethod(method, arguments), payloadType, partial, text,
                    binary, pong, maxSize, returnType != void.class);
            for (MessageMethod other : messages) {
                String clash = other.text() && text ? "text" : other.binary() && binary ? "binary" : other.pong() && pong ? "pong" : null;
                if (clash != null) {
                    throw new DeploymentException("Endpoint class " + type.getName() + " has two @OnMessage methods for "
                            + clash + " messages: " + describe(other.method().method()) + " and " + describe(method)
                            + " (Jakarta WebSocket 2.2 §4.7)");
                }
            }
            messages.add(message);
        }

        private boolean isPayload(Class<?> parameterType) {
            return parameterType == String.class || parameterType == Reader.class || parameterType == PongMessage.class
                    || isNativeBinary(parameterType) || coders.decodesFromText(parameterType)
                    || coders.decodesFromBinary(parameterType);
        }

        private static boolean isPartialPayload(Class<?> parameterType) {
            return parameterType == String.class || parameterType == ByteBuffer.class || parameterType == byte[].class;
        }

        private static boolean isNativeBinary(Class<?> parameterType) {
            return parameterType == ByteBuffer.class || parameterType == byte[].class || parameterType == InputStream.class;
        }
    }
}
