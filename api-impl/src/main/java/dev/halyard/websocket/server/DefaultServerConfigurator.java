package dev.halyard.websocket.server;

import dev.halyard.websocket.endpoint.CdiInstances;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container's default {@link ServerEndpointConfig.Configurator}, found by
 * {@code ServerEndpointConfig.Configurator} through {@link java.util.ServiceLoader}; every method
 * does what the Jakarta WebSocket 2.2 javadoc gives as the platform default.
 */
public class DefaultServerConfigurator extends ServerEndpointConfig.Configurator {

    /** The first subprotocol the client asked for that the endpoint supports, or "" (RFC 6455 §4.2.2). */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String protocol : requested) {
            if (supported.contains(protocol)) {
                return protocol;
            }
        }
        return "";
    }

    /** The requested extensions that are installed, in the client's order (RFC 6455 §9.1). */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> negotiated = new ArrayList<>();
        for (Extension extension : requested) {
            for (Extension available : installed) {
                if (available.getName().equals(extension.getName())) {
                    negotiated.add(extension);
                    break;
                }
            }
        }
        return negotiated;
    }

    /** Accepts every origin; an application that must restrict origins overrides this. */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    /**
     * A new instance per connection: from CDI when a CDI container runs (so {@code @Inject} works),
     * otherwise from the public no-argument constructor.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        CdiInstances.Managed<T> managed = CdiInstances.create(endpointClass);
        if (managed != null) {
            RELEASES.put(new Identity(managed.instance()), managed.release());
            return managed.instance();
        }
        try {
            return endpointClass.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw instantiation(endpointClass, "it has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw instantiation(endpointClass, "its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw instantiation(endpointClass, e.toString(), e);
        }
    }

    /** Releases an instance this configurator created through CDI ({@code @PreDestroy}); a no-op otherwise. */
    public static void release(Object endpointInstance) {
        Runnable release = RELEASES.remove(new Identity(endpointInstance));
        if (release != null) {
            release.run();
        }
    }

    /** CDI instances still to release, by identity (an endpoint may override equals). */
    private static final Map<Identity, Runnable> RELEASES = new ConcurrentHashMap<>();

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
