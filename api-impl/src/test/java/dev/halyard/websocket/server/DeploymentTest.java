// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.halyard.websocket.endpoint.AnnotatedEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Turning scanned classes and configurations into deployable endpoints. */
class DeploymentTest {

    @ServerEndpoint(value = "/chat/{room}", subprotocols = {"chat.v2", "chat.v1"}, configurator = CountingConfigurator.class)
    public static class Chat {
        @OnMessage
        public String echo(String text, @PathParam("room") String room) {
            return room + ": " + text;
        }
    }

    public static class CountingConfigurator extends ServerEndpointConfig.Configurator {
        static int instances;

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            instances++;
            return super.getEndpointInstance(endpointClass);
        }
    }

    /** Not annotated itself, so not an endpoint (Jakarta WebSocket 2.2 §4.8). */
    public static class ChatSubclass extends Chat {
    }

    @ServerEndpoint("/hidden")
    static class NotPublic {
        @OnMessage
        public void text(String text) {
        }
    }

    public static class Programmatic extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static class OnlyChat implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return endpointClasses.stream().map(type -> ServerEndpointConfig.Builder.create(type, "/p/" + type.getSimpleName()).build())
                    .collect(Collectors.toSet());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of(Chat.class);
        }
    }

    @ServerEndpoint("/other")
    public static class Other {
        @OnMessage
        public void text(String text) {
        }
    }

    @Test
    void withoutAnApplicationConfigEveryAnnotatedEndpointAndNoProgrammaticOne() throws DeploymentException {
        ScannedEndpoints.Plan plan = ScannedEndpoints.plan(Set.of(Chat.class, ChatSubclass.class, NotPublic.class,
                Programmatic.class, Other.class));
        assertThat(plan.annotated()).containsExactly(Chat.class, Other.class);
        assertThat(plan.programmatic()).isEmpty();
    }

    @Test
    void applicationConfigsChooseWhatIsDeployed() throws DeploymentException {
        ScannedEndpoints.Plan plan = ScannedEndpoints.plan(Set.of(Chat.class, Other.class, Programmatic.class, OnlyChat.class));
        assertThat(plan.annotated()).containsExactly(Chat.class);
        assertThat(plan.programmatic()).singleElement().satisfies(config -> {
            assertThat(config.getPath()).isEqualTo("/p/Programmatic");
            assertThat(config.getEndpointClass()).isEqualTo(Programmatic.class);
        });
    }

    @Test
    void annotatedDefinitionTakesItsConfigurationFromTheAnnotation() throws Exception {
        ServerEndpointDefinition definition = ServerEndpointDefinition.ofAnnotated(Chat.class);
        assertThat(definition.config().getPath()).isEqualTo("/chat/{room}");
        assertThat(definition.config().getSubprotocols()).containsExactly("chat.v2", "chat.v1");
        assertThat(definition.config().getConfigurator()).isInstanceOf(CountingConfigurator.class);
        assertThat(definition.path().variables()).containsExactly("room");
        int before = CountingConfigurator.instances;
        Endpoint first = definition.newEndpoint();
        Endpoint second = definition.newEndpoint();
        assertThat(first).isInstanceOf(AnnotatedEndpoint.class);
        assertThat(((AnnotatedEndpoint) first).instance()).isInstanceOf(Chat.class)
                .isNotSameAs(((AnnotatedEndpoint) second).instance());
        assertThat(CountingConfigurator.instances).isEqualTo(before + 2);
    }

    @Test
    void programmaticDefinition() throws Exception {
        ServerEndpointDefinition definition = ServerEndpointDefinition.of(
                ServerEndpointConfig.Builder.create(Programmatic.class, "/programmatic").build());
        assertThat(definition.newEndpoint()).isInstanceOf(Programmatic.class);
        assertThat(definition.toString()).isEqualTo(Programmatic.class.getName() + " at /programmatic");
    }

    @ServerEndpoint("/bad//path")
    public static class BadPath {
    }

    @ServerEndpoint("/needs/{id}")
    public static class NeedsArgument {
        public NeedsArgument(String required) {
        }

        @OnMessage
        public void text(String text) {
        }
    }

    @Test
    void deploymentErrorsNameTheEndpoint() throws DeploymentException {
        assertThatThrownBy(() -> ServerEndpointDefinition.ofAnnotated(BadPath.class))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("Endpoint path \"/bad//path\" is invalid");
        assertThatThrownBy(() -> ServerEndpointDefinition.ofAnnotated(Programmatic.class))
                .isInstanceOf(DeploymentException.class).hasMessageContaining("is not annotated with @ServerEndpoint");
        ServerEndpointDefinition definition = ServerEndpointDefinition.ofAnnotated(NeedsArgument.class);
        assertThatThrownBy(definition::newEndpoint).isInstanceOf(InstantiationException.class)
                .hasMessage("Cannot create an instance of endpoint " + NeedsArgument.class.getName()
                        + ": it has no public no-argument constructor");
    }

    @Test
    void defaultConfiguratorNegotiatesAsTheJavadocSays() {
        DefaultServerConfigurator configurator = new DefaultServerConfigurator();
        assertThat(configurator.getNegotiatedSubprotocol(List.of("b", "c"), List.of("a", "c", "b"))).isEqualTo("c");
        assertThat(configurator.getNegotiatedSubprotocol(List.of("b"), List.of("a"))).isEmpty();
        Extension deflate = extension("permessage-deflate");
        Extension other = extension("x-other");
        Extension requestedDeflate = extension("permessage-deflate");
        assertThat(configurator.getNegotiatedExtensions(List.of(deflate), List.of(other, requestedDeflate)))
                .containsExactly(requestedDeflate);
        assertThat(configurator.checkOrigin("https://anywhere.example")).isTrue();
        assertThat(new ServerEndpointConfig.Configurator().getContainerDefaultConfigurator())
                .isInstanceOf(DefaultServerConfigurator.class);
    }

    /**
     * Some API jars (Tomcat's, which standalone Tomcat always loads) implement every base
     * Configurator method by calling the container default, this class: one it inherits calls
     * itself until the stack overflows.
     */
    @Test
    void defaultConfiguratorOverridesEveryConfiguratorMethod() {
        for (Method method : ServerEndpointConfig.Configurator.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !method.getName().equals("getContainerDefaultConfigurator")) {
                assertThat(declares(DefaultServerConfigurator.class, method)).as("DefaultServerConfigurator overrides %s", method.getName())
                        .isTrue();
            }
        }
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Extension extension(String name) {
        return new Extension() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public List<Parameter> getParameters() {
                return List.of();
            }
        };
    }

    /** A configuration whose configurator is the API's base class. */
    public static class Plain extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @Test
    void theApisBaseConfiguratorIsServedByHalyardsDefaultsAndACustomOneIsKept() throws Exception {
        // Tomcat's copy of the API builds configurations with the base class, as here, where the
        // jakarta.websocket-api jar uses the container default directly.
        ServerEndpointDefinition plain = ServerEndpointDefinition.of(ServerEndpointConfig.Builder.create(Plain.class, "/plain")
                .configurator(new ServerEndpointConfig.Configurator()).build());
        assertThat(plain.config().getConfigurator().getClass()).isEqualTo(ServerEndpointConfig.Configurator.class);
        assertThat(plain.configurator()).isInstanceOf(DefaultServerConfigurator.class);
        assertThat(plain.newEndpoint()).isInstanceOf(Plain.class);

        ServerEndpointConfig.Configurator custom = new ServerEndpointConfig.Configurator() {
            @Override
            public boolean checkOrigin(String originHeaderValue) {
                return false;
            }
        };
        ServerEndpointDefinition own = ServerEndpointDefinition.of(
                ServerEndpointConfig.Builder.create(Plain.class, "/own").configurator(custom).build());
        assertThat(own.configurator()).isSameAs(custom);
    }
}
