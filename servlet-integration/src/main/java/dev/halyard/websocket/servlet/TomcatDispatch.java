package dev.halyard.websocket.servlet;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import java.lang.reflect.Field;

/**
 * Asks Tomcat to dispatch an upgraded connection when the servlet API has no call for it. The
 * request goes to the stream's socket wrapper by reflection; where that fails (another Tomcat
 * version), a DEBUG line says so and the connection waits for Tomcat's own next dispatch.
 *
 * <ul>
 * <li><b>To close.</b> Tomcat's {@code WebConnection.close()} only marks both upgraded streams
 * closed; the socket is closed when Tomcat next dispatches an event for it and sees both closed.
 * After a close handshake no event comes (the client waits for the server to close, RFC 6455
 * §7.1.1), so a write event is asked for, and Tomcat closes the socket the way it closes any
 * upgraded connection.</li>
 * <li><b>To read.</b> A container thread that found the inbox full returned without reading (see
 * {@link ServletTransport}). When the rest of the peer's data already sits in Tomcat's own read
 * buffer, nothing is left in the socket to wake Tomcat's poller, and no dispatch would come: once
 * the inbox has room, a read event is asked for.</li>
 * </ul>
 */
final class TomcatDispatch {

    private static final System.Logger LOG = System.getLogger(TomcatDispatch.class.getName());
    private static final String OUTPUT = "org.apache.coyote.http11.upgrade.UpgradeServletOutputStream";

    private TomcatDispatch() {
    }

    /** Whether {@code out} is Tomcat's upgraded output stream. */
    static boolean applies(ServletOutputStream out) {
        return out.getClass().getName().equals(OUTPUT);
    }

    /** After {@code WebConnection.close()}: asks Tomcat for the dispatch that closes the socket. */
    static void requestClose(ServletOutputStream out) {
        try {
            Object socketWrapper = socketWrapper(out);
            socketWrapper.getClass().getMethod("registerWriteInterest").invoke(socketWrapper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Could not ask Tomcat to close the upgraded socket now: " + e);
        }
    }

    /** Asks Tomcat to dispatch a read event for {@code in}'s connection, on one of its threads. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void requestRead(ServletInputStream in) {
        try {
            Object socketWrapper = socketWrapper(in);
            Class<? extends Enum> events = (Class<? extends Enum>) Class.forName("org.apache.tomcat.util.net.SocketEvent", false,
                    socketWrapper.getClass().getClassLoader());
            Object openRead = Enum.valueOf(events, "OPEN_READ");
            socketWrapper.getClass().getMethod("processSocket", events, boolean.class).invoke(socketWrapper, openRead, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Could not ask Tomcat to dispatch a read: " + e);
        }
    }

    private static Object socketWrapper(Object stream) throws ReflectiveOperationException {
        Field field = stream.getClass().getDeclaredField("socketWrapper");
        field.setAccessible(true);
        return field.get(stream);
    }
}
