package dev.halyard.websocket.servlet;

import jakarta.servlet.ServletOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Makes Tomcat close an upgraded connection that Halyard closed from its own thread.
 *
 * <p>Tomcat's {@code WebConnection.close()} only marks both upgraded streams closed; the socket is
 * closed when Tomcat next dispatches an event for it and sees both closed. After a close handshake
 * no event comes (the client waits for the server to close, RFC 6455 §7.1.1), so without help the
 * socket stays open until the client gives up. Asking for a write event makes Tomcat dispatch at
 * once and close the socket the way it closes any upgraded connection. The servlet API has no call
 * for this, so the request goes to the output stream's socket wrapper by reflection; where that
 * fails (another Tomcat version), the connection still closes when the client does.
 */
final class TomcatSocketRelease {

    private static final System.Logger LOG = System.getLogger(TomcatSocketRelease.class.getName());
    private static final String STREAM = "org.apache.coyote.http11.upgrade.UpgradeServletOutputStream";

    private TomcatSocketRelease() {
    }

    /** Whether {@code out} is Tomcat's upgraded output stream. */
    static boolean applies(ServletOutputStream out) {
        return out.getClass().getName().equals(STREAM);
    }

    /** After {@code WebConnection.close()}: asks Tomcat for the dispatch that closes the socket. */
    static void requestDispatch(ServletOutputStream out) {
        try {
            Field field = out.getClass().getDeclaredField("socketWrapper");
            field.setAccessible(true);
            Object socketWrapper = field.get(out);
            Method register = socketWrapper.getClass().getMethod("registerWriteInterest");
            register.invoke(socketWrapper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Could not ask Tomcat to close the upgraded socket now: " + e);
        }
    }
}
