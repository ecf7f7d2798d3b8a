// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.server.ServerEndpointDefinition;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Endpoint;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** With a CDI container running, endpoint instances get their injections and lifecycle callbacks. */
class CdiEndpointTest {

    static final List<String> LIFECYCLE = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    public static class Greeter {
        public String greet(String name) {
            return "Hello, " + name;
        }
    }

    @ServerEndpoint("/greet")
    public static class Greeting {
        @Inject
        Greeter greeter;

        @PostConstruct
        void created() {
            LIFECYCLE.add("post-construct, greeter " + (greeter != null));
        }

        @PreDestroy
        void destroyed() {
            LIFECYCLE.add("pre-destroy");
        }

        @OnMessage
        public String hello(String name) {
            return greeter.greet(name);
        }
    }

    @Test
    void endpointsAreInjectedWhenCdiRuns() throws Exception {
        LIFECYCLE.clear();
        Weld weld = new Weld().disableDiscovery().addBeanClasses(Greeter.class);
        try (WeldContainer container = weld.initialize()) {
            ServerEndpointDefinition definition = ServerEndpointDefinition.ofAnnotated(Greeting.class);
            Endpoint endpoint = definition.newEndpoint();
            assertThat(LIFECYCLE).containsExactly("post-construct, greeter true");
            Collector client = new Collector();
            EndpointPair pair = EndpointPair.open(client, endpoint, definition.config(), Map.of());
            pair.client.getBasicRemote().sendText("CDI");
            assertThat(client.next()).isEqualTo("Hello, CDI");
            pair.client.close();
            client.nextClose();
            definition.release(endpoint);
            assertThat(LIFECYCLE).containsExactly("post-construct, greeter true", "pre-destroy");
        }
    }

    @Test
    void withoutARunningContainerEndpointsAreConstructedPlainly() throws Exception {
        ServerEndpointDefinition definition = ServerEndpointDefinition.ofAnnotated(Greeting.class);
        Endpoint endpoint = definition.newEndpoint();
        assertThat(((AnnotatedEndpoint) endpoint).instance()).isInstanceOf(Greeting.class);
        assertThat(((Greeting) ((AnnotatedEndpoint) endpoint).instance()).greeter).isNull();
        definition.release(endpoint); // nothing to release: no effect
    }
}
