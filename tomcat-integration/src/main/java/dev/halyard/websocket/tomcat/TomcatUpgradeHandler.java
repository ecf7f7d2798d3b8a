// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.tomcat;

import dev.halyard.websocket.session.Transport;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's side of a connection taken over through its internal upgrade interface. What Tomcat
 * does with one (its {@code AbstractProtocol} and {@code UpgradeProcessorInternal}):
 * <ul>
 * <li>it creates the handler in {@code request.upgrade}, gives it the socket
 * ({@link #setSocketWrapper}) once the 101 is sent, sets the socket's read and write timeouts
 * to infinite, and calls {@link #init} on a container thread with the application's class
 * loader;
 * <li>since {@link #hasAsyncIO} says so, it then leaves all further I/O to the handler: it does
 * not watch the socket for reads by itself, only when the transport asks
 * ({@link TomcatTransport#awaitReadable}); each event it dispatches ({@link #upgradeDispatch})
 * runs on a container thread holding the socket's lock, so events never overlap;
 * <li>returning {@code ASYNC_IO} keeps the connection as it is; {@code CLOSED} makes Tomcat
 * call {@link #destroy}, drop the handler and close the socket;
 * <li>{@link #pause} comes when the connector pauses (the first step of a graceful stop, before
 * the applications stop), and {@link #timeoutAsync} about once a second.
 * </ul>
 */
public class TomcatUpgradeHandler implements InternalHttpUpgradeHandler {

    private volatile SocketWrapperBase<?> socket;
    private volatile Executor executor;
    private volatile boolean secure;
    private volatile Consumer<Transport> open;
    private volatile TomcatTransport transport;

    /** A public no-argument constructor: Tomcat creates upgrade handlers itself. */
    public TomcatUpgradeHandler() {
    }

    void prepare(Executor sessionExecutor, boolean overTls, Consumer<Transport> onOpen) {
        this.executor = sessionExecutor;
        this.secure = overTls;
        this.open = onOpen;
    }

    @Override
    public void setSocketWrapper(SocketWrapperBase<?> wrapper) {
        this.socket = wrapper;
    }

    @Override
    public void init(WebConnection connection) {
        TomcatTransport opened = new TomcatTransport(socket, executor, secure);
        transport = opened;
        Consumer<Transport> onOpen = open;
        open = null; // it holds the handshake's request, which must not live as long as the connection
        // onOpen may send, blocking: off the container's thread (COMPATIBILITY.md C16).
        executor.execute(() -> onOpen.accept(opened)); // a failure is logged and closes the connection (Setup.open)
    }

    @Override
    public boolean hasAsyncIO() {
        return true; // Tomcat leaves reading to the transport, which asks for read events when it wants them
    }

    @Override
    public SocketState upgradeDispatch(SocketEvent event) {
        TomcatTransport opened = transport;
        if (opened == null) {
            return SocketState.CLOSED;
        }
        switch (event) {
            case OPEN_READ -> opened.readable();
            case OPEN_WRITE -> opened.writable();
            case TIMEOUT -> {
                // Tomcat sends none to an upgraded connection whose timeouts are infinite; nothing to do
            }
            case STOP -> {
                opened.lost(new IOException("Tomcat's connector is stopping"));
                return SocketState.CLOSED;
            }
            default -> { // DISCONNECT, ERROR, CONNECT_FAIL
                IOException error = socket.getError();
                opened.lost(error != null ? error : new IOException("Tomcat reported the connection " + event));
                return SocketState.CLOSED;
            }
        }
        return opened.closeRequested() ? SocketState.CLOSED : SocketState.ASYNC_IO;
    }

    /**
     * Nothing: a paused connector takes no new connections, and then the applications stop, which
     * closes each session with 1001 and the close handshake. A connector paused and resumed keeps
     * its sessions, as Tomcat's own WebSocket does.
     */
    @Override
    public void pause() {
    }

    /** Nothing: Halyard's sessions keep their own idle timeouts and keepalive. */
    @Override
    public void timeoutAsync(long now) {
    }

    @Override
    public void setSslSupport(SSLSupport sslSupport) {
        // The handshake request already carried the client's certificates (HandshakeRequest's connection view).
    }

    /** Tomcat is done with the connection (it closed it, or is about to): the read loop hears the end. */
    @Override
    public void destroy() {
        TomcatTransport opened = transport;
        if (opened != null) {
            opened.released();
            opened.lost(new IOException("Tomcat closed the connection"));
        }
    }

    @Override
    public String toString() {
        TomcatTransport opened = transport;
        return "TomcatUpgradeHandler[" + (opened == null ? "not started" : opened) + "]";
    }
}
