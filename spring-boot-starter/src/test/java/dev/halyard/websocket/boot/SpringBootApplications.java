// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.boot.app.BootApplication;
import jakarta.websocket.server.ServerContainer;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * {@link BootApplication} on one of Boot's embedded containers, with the starter and nothing else
 * of Halyard's, talked to over real connections. The subclasses choose the container; both have
 * {@code halyard.max-text-message-buffer-size=1KB} in their properties.
 */
abstract class SpringBootApplications {

    static final String TEXT_LIMIT = "halyard.max-text-message-buffer-size=1KB";

    @Value("${local.server.port}")
    int port;

    @Autowired
    WebApplicationContext context;

    /** The property that leaves the other container's auto-configuration out. */
    abstract String onlyThisContainer();

    @Test
    void aServerEndpointExportedBySpringEchoes() throws Exception {
        Client client = Client.connect(port, "/echo", Map.of());
        assertThat(client.exchange("hello")).isEqualTo("hello");
    }

    @Test
    void aSpringWebSocketHandlerAnswers() throws Exception {
        Client client = Client.connect(port, "/shout", Map.of());
        assertThat(client.exchange("hello")).isEqualTo("HELLO");
    }

    @Test
    void aStompSubscriberReceivesTheSendToReply() throws Exception {
        WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient()); // Halyard's client, through ContainerProvider
        stomp.setMessageConverter(new StringMessageConverter());
        StompSession session = stomp.connectAsync("ws://localhost:" + port + "/stomp", new StompSessionHandlerAdapter() { })
                .get(10, TimeUnit.SECONDS);
        try {
            BlockingQueue<String> greetings = new LinkedBlockingQueue<>();
            session.subscribe("/topic/greetings", new StompFrameHandler() {
                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return String.class;
                }

                @Override
                public void handleFrame(StompHeaders headers, Object payload) {
                    greetings.add((String) payload);
                }
            });
            // The broker may take the SUBSCRIBE after a SEND that follows it (the inbound channel is a pool), so
            // send again until the subscription has seen a reply: bounded, and the first reply settles it.
            String greeting = null;
            for (int attempt = 0; attempt < 20 && greeting == null; attempt++) {
                session.send("/app/hello", "Ada");
                greeting = greetings.poll(500, TimeUnit.MILLISECONDS);
            }
            assertThat(greeting).isEqualTo("Hello, Ada");
        } finally {
            session.disconnect();
        }
    }

    @Test
    void aFilterRefusesTheHandshakeBeforeTheUpgrade() throws Exception {
        assertThatThrownBy(() -> Client.connect(port, "/secured/shout", Map.of()))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403));
        Client admitted = Client.connect(port, "/secured/shout", Map.of("Authorization", "Bearer letmein"));
        assertThat(admitted.exchange("in")).isEqualTo("IN");
    }

    @Test
    void halyardPropertiesAndSpringsContainerSettingsBothApply() throws Exception {
        ServerContainer container = (ServerContainer) context.getServletContext().getAttribute(ServerContainer.class.getName());
        assertThat(container.getClass().getName()).startsWith("dev.halyard.");
        assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(1024);
        assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(BootApplication.BINARY_LIMIT_FROM_SPRING);
        Client client = Client.connect(port, "/echo", Map.of());
        client.socket().sendText("x".repeat(1025), true);
        assertThat(client.awaitCloseCode()).isEqualTo(1009); // RFC 6455 §7.4.1: too big to process
    }

    /** As a browser sends it: no Content-Length, a permessage-deflate offer, the first frame right behind. */
    @Test
    void aBrowserLikeHandshakeWithPermessageDeflate() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: http://localhost\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            // "Hello", masked (RFC 6455 §5.7)
            out.write(new byte[] {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58});
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101").contains("Sec-WebSocket-Extensions: permessage-deflate\r\n");
            // The echo, compressed: the bytes of RFC 7692 §7.2.3.1 with RSV1 set
            assertThat(in.readNBytes(9)).containsExactly(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);
        }
    }

    /** An application of its own, since stopping the shared test application would end the other tests'. */
    @Test
    void stoppingTheApplicationClosesOpenSessionsWith1001() throws Exception {
        ConfigurableApplicationContext application = new SpringApplicationBuilder(BootApplication.class)
                .properties("server.port=0", onlyThisContainer()).run();
        Client echo;
        Client shout;
        try {
            int appPort = Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
            echo = Client.connect(appPort, "/echo", Map.of());
            shout = Client.connect(appPort, "/shout", Map.of());
            assertThat(echo.exchange("still here")).isEqualTo("still here");
        } finally {
            application.close();
        }
        assertThat(echo.awaitCloseCode()).isEqualTo(1001);
        assertThat(shout.awaitCloseCode()).isEqualTo(1001);
    }
}
