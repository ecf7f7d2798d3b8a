// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.servlet;

import static dev.halyard.websocket.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.junit.jupiter.api.Test;

/**
 * While Halyard has a connection, Tomcat's 16 KiB of HTTP buffers for it shrink to a few hundred
 * bytes, and they have their size again when the connection ends, for the HTTP requests Tomcat
 * serves on that channel next.
 */
class TomcatIdleBuffersTest {

    @Test
    void anOpenSessionHoldsSmallTomcatBuffersAndTheNextHttpConnectionGetsFullOnes() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.startTomcat(Set.of(Endpoints.Echo.class), Map.of())) {
            Connector connector = (Connector) server.tomcatConnector();
            try (Socket session = RawSocket.handshake(server.port(), "/echo")) {
                session.getOutputStream().write(RawSocket.text("hello"));
                assertThat(new String(RawSocket.Frame.read(session.getInputStream()).payload(), StandardCharsets.UTF_8))
                        .isEqualTo("hello");
                assertThat(bufferCapacities(connector)).containsExactly(256, 256);
            }
            eventually().until(server::openConnections, open -> open == 0);
            // Tomcat hands the channel it just took back to the next connection: a plain HTTP one.
            try (Socket http = new Socket("localhost", server.port())) {
                http.setSoTimeout(10_000);
                OutputStream out = http.getOutputStream();
                out.write("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = http.getInputStream();
                assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 404");
                assertThat(bufferCapacities(connector)).containsExactly(8192, 8192);
            }
        }
    }

    /** The read and write buffer capacities of the connector's one open connection. */
    private static List<Integer> bufferCapacities(Connector connector) throws Exception {
        Method endpointOf = AbstractProtocol.class.getDeclaredMethod("getEndpoint");
        endpointOf.setAccessible(true);
        AbstractEndpoint<?, ?> endpoint = (AbstractEndpoint<?, ?>) endpointOf.invoke(connector.getProtocolHandler());
        Set<? extends SocketWrapperBase<?>> open = endpoint.getConnections();
        assertThat(open).hasSize(1);
        SocketWrapperBase<?> wrapper = open.iterator().next();
        return List.of(wrapper.getSocketBufferHandler().getReadBuffer().capacity(),
                wrapper.getSocketBufferHandler().getWriteBuffer().capacity());
    }
}
