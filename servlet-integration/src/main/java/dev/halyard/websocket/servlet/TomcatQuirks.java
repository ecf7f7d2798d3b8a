// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import dev.halyard.websocket.diagnostics.WarnOnce;
import jakarta.servlet.ServletInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Tomcat's upgraded connections: only Tomcat's threads read the input stream, and Tomcat is asked
 * for the read and close dispatches the servlet API has no call for (docs/DESIGN.md, "Reading an
 * upgraded connection" and "Closing an upgraded connection on Tomcat"). The requests go to the
 * connection's socket wrapper by reflection, looked up once per stream class ({@link Internals}); where the lookup fails
 * (another Tomcat version), a DEBUG line says so and the connection waits for Tomcat's own next
 * dispatch. {@code ContainerQuirksTest} fails when those internals change.
 */
final class TomcatQuirks implements ContainerQuirks {

    private static final System.Logger LOG = System.getLogger(TomcatQuirks.class.getName());
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);

    /** Per upgraded input stream class: its {@link Internals}, or why they were not found. */
    private static final ClassValue<Object> INTERNALS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> inputStream) {
            try {
                return Internals.find(inputStream);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return e;
            }
        }
    };

    private final Internals internals;
    /** The connection's {@code SocketWrapperBase}, shared by both upgraded streams; null when not found. */
    private final Object socketWrapper;

    /** Whether {@code in} is one of Tomcat's streams. */
    static boolean isTomcats(ServletInputStream in) {
        return in.getClass().getName().startsWith("org.apache.coyote.");
    }

    TomcatQuirks(ServletInputStream in) {
        Object found = INTERNALS.get(in.getClass());
        Object wrapper = null;
        if (found instanceof Internals internals) {
            try {
                wrapper = internals.socketWrapper().get(in);
            } catch (ReflectiveOperationException | RuntimeException e) {
                found = e;
            }
        }
        if (wrapper == null) {
            Object why = found;
            // Misconfiguration, not the peer's doing (a Tomcat whose internals differ): once per stream class.
            WARNINGS.log(in.getClass().getName(), "Tomcat cannot be asked for read and close dispatches, so a connection whose "
                    + "inbox fills may wait for its next byte, and a close for Tomcat's timeout (docs/DESIGN.md): " + why, null);
        }
        this.internals = wrapper == null ? null : (Internals) found;
        this.socketWrapper = wrapper;
    }

    /** Whether Tomcat can be asked for dispatches: its internals were found for this connection. */
    boolean dispatches() {
        return socketWrapper != null;
    }

    @Override
    public boolean onlyContainerThreadsRead() {
        return true;
    }

    /** The rest of the peer's data may sit in Tomcat's own read buffer, where its poller never sees it. */
    @Override
    public void requestReadDispatch() {
        if (socketWrapper == null) {
            return;
        }
        try {
            internals.processSocket().invoke(socketWrapper, internals.openRead(), true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Could not ask Tomcat to dispatch a read: " + e);
        }
    }

    /** Tomcat's {@code WebConnection.close()} only marks the streams closed; a write dispatch closes the socket. */
    @Override
    public void requestCloseDispatch() {
        if (socketWrapper == null) {
            return;
        }
        try {
            internals.registerWriteInterest().invoke(socketWrapper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Could not ask Tomcat to close the upgraded socket now: " + e);
        }
    }

    @Override
    public String toString() {
        return dispatches() ? "Tomcat's quirks" : "Tomcat's quirks, without dispatches";
    }

    /**
     * What of Tomcat's internals the dispatches reach: the upgraded stream's {@code socketWrapper}
     * field, and on its {@code SocketWrapperBase} {@code processSocket(SocketEvent.OPEN_READ, true)}
     * and {@code registerWriteInterest()}.
     */
    record Internals(Field socketWrapper, Method processSocket, Object openRead, Method registerWriteInterest) {

        /** Finds them for Tomcat's upgraded input stream class; the exception names what is missing. */
        static Internals find(Class<?> inputStream) throws ReflectiveOperationException {
            Field field;
            try {
                field = inputStream.getDeclaredField("socketWrapper");
            } catch (NoSuchFieldException e) {
                throw new NoSuchFieldException("Tomcat's " + inputStream.getName() + " has no field socketWrapper");
            }
            Class<?> wrapper = field.getType();
            String eventsName = "org.apache.tomcat.util.net.SocketEvent";
            Class<?> events;
            try {
                events = Class.forName(eventsName, false, wrapper.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ClassNotFoundException("Tomcat has no class " + eventsName);
            }
            Object openRead = null;
            for (Object event : events.isEnum() ? events.getEnumConstants() : new Object[0]) {
                if (((Enum<?>) event).name().equals("OPEN_READ")) {
                    openRead = event;
                }
            }
            if (openRead == null) {
                throw new NoSuchFieldException("Tomcat's " + eventsName + " has no constant OPEN_READ");
            }
            Method processSocket = method(wrapper, "processSocket", events, boolean.class);
            Method registerWriteInterest = method(wrapper, "registerWriteInterest");
            field.setAccessible(true);
            return new Internals(field, processSocket, openRead, registerWriteInterest);
        }

        private static Method method(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
            try {
                return type.getMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                throw new NoSuchMethodException("Tomcat's " + type.getName() + " (the type of the upgraded stream's socketWrapper)"
                        + " has no public method " + name + java.util.Arrays.toString(parameters));
            }
        }
    }
}
