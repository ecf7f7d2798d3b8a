// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.samples.client;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A command-line client for the echo sample: each line typed is sent, and its echo printed.
 *
 * <pre>java -cp samples/target/halyard-samples.jar dev.halyard.samples.client.EchoClient [ws://localhost:8080/echo]</pre>
 */
@ClientEndpoint
public class EchoClient {

    private final BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    @OnMessage
    public void echo(String text) {
        echoes.add(text);
    }

    @OnClose
    public void close(CloseReason reason) {
        closed.countDown();
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args.length > 0 ? args[0] : "ws://localhost:8080/echo");
        run(uri, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
    }

    /** Sends every line of {@code in} and prints each echo to {@code out}; closes at the end of input. */
    public static void run(URI uri, BufferedReader in, PrintStream out) throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        EchoClient client = new EchoClient();
        Session session = container.connectToServer(client, uri);
        out.println("Connected to " + uri + "; type a line to send it, end the input (Ctrl-D) to quit.");
        String line;
        while ((line = in.readLine()) != null) {
            session.getBasicRemote().sendText(line);
            String echo = client.echoes.poll(10, TimeUnit.SECONDS);
            out.println(echo == null ? "(no echo within 10 s)" : "echo: " + echo);
        }
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "end of input"));
        client.closed.await(10, TimeUnit.SECONDS);
        if (container instanceof AutoCloseable) {
            ((AutoCloseable) container).close(); // ends the client's threads now rather than when idle
        }
    }
}
