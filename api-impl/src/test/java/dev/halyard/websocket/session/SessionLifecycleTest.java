// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.websocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.halyard.websocket.session.SessionLifecycle.AfterSend;
import dev.halyard.websocket.session.SessionLifecycle.CloseFrame;
import dev.halyard.websocket.session.SessionLifecycle.State;
import dev.halyard.websocket.session.SessionLifecycle.Steps;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event in every state: the state it leads to and the steps it asks for (docs/DESIGN.md has the same table). */
class SessionLifecycleTest {

    private static final Steps NOTHING = Steps.NOTHING;
    private static final Steps DROP = Steps.DROP;

    /** An event, named for the table. */
    private record Event(String name, Function<SessionLifecycle, Steps> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Event APPLICATION_CLOSES = new Event("application closes 1000 \"bye\"",
            lifecycle -> lifecycle.applicationCloses(1000, "bye"));
    private static final Event CONTAINER_CLOSES = new Event("container closes 1001, endpoint hears 1006",
            lifecycle -> lifecycle.containerCloses(1001, "Idle timeout", 1006, "idle", false));
    private static final Event CONTAINER_CLOSES_AND_DROPS = new Event("container closes 1002 and drops",
            lifecycle -> lifecycle.containerCloses(1002, "bad frame", 1002, "bad frame", true));
    private static final Event PEER_CLOSES = new Event("peer's close frame 1000 \"done\"", lifecycle -> lifecycle.peerCloses(1000, "done"));
    private static final Event CONNECTION_LOST = new Event("connection lost", lifecycle -> lifecycle.connectionLost(false, "lost"));
    private static final Event CONNECTION_FAILED = new Event("connection failed", lifecycle -> lifecycle.connectionLost(true, "failed"));

    /** A lifecycle brought into {@code state} by the usual path. */
    private static SessionLifecycle in(State state) {
        SessionLifecycle lifecycle = new SessionLifecycle();
        if (state != State.OPEN) {
            lifecycle.applicationCloses(1000, "");
        }
        if (state == State.CLOSED) {
            lifecycle.peerCloses(1000, "");
        }
        assertThat(lifecycle.state()).isEqualTo(state);
        return lifecycle;
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // state, event, next state, steps
                Arguments.of(State.OPEN, APPLICATION_CLOSES, State.CLOSING,
                        new Steps(true, false, new CloseFrame(1000, "bye"), AfterSend.AWAIT_PEER, false, true, 1000, "bye")),
                Arguments.of(State.OPEN, CONTAINER_CLOSES, State.CLOSING,
                        new Steps(true, false, new CloseFrame(1001, "Idle timeout"), AfterSend.AWAIT_PEER, false, true, 1006, "idle")),
                Arguments.of(State.OPEN, CONTAINER_CLOSES_AND_DROPS, State.CLOSING,
                        new Steps(true, false, new CloseFrame(1002, "bad frame"), AfterSend.DROP, false, true, 1002, "bad frame")),
                Arguments.of(State.OPEN, PEER_CLOSES, State.CLOSED,
                        new Steps(true, false, new CloseFrame(1000, ""), AfterSend.DROP, false, true, 1000, "done")),
                Arguments.of(State.OPEN, CONNECTION_LOST, State.CLOSED, new Steps(true, true, null, null, false, true, 1006, "lost")),
                Arguments.of(State.OPEN, CONNECTION_FAILED, State.CLOSED, new Steps(true, true, null, null, true, true, 1006, "failed")),

                Arguments.of(State.CLOSING, APPLICATION_CLOSES, State.CLOSING, NOTHING),
                Arguments.of(State.CLOSING, CONTAINER_CLOSES, State.CLOSING, NOTHING),
                Arguments.of(State.CLOSING, CONTAINER_CLOSES_AND_DROPS, State.CLOSING, DROP),
                Arguments.of(State.CLOSING, PEER_CLOSES, State.CLOSED, DROP),
                Arguments.of(State.CLOSING, CONNECTION_LOST, State.CLOSED, new Steps(true, true, null, null, false, false, 1006, "lost")),
                Arguments.of(State.CLOSING, CONNECTION_FAILED, State.CLOSED, new Steps(true, true, null, null, false, false, 1006, "failed")),

                Arguments.of(State.CLOSED, APPLICATION_CLOSES, State.CLOSED, NOTHING),
                Arguments.of(State.CLOSED, CONTAINER_CLOSES, State.CLOSED, NOTHING),
                Arguments.of(State.CLOSED, CONTAINER_CLOSES_AND_DROPS, State.CLOSED, DROP),
                Arguments.of(State.CLOSED, PEER_CLOSES, State.CLOSED, DROP),
                Arguments.of(State.CLOSED, CONNECTION_LOST, State.CLOSED, new Steps(true, true, null, null, false, false, 0, null)),
                Arguments.of(State.CLOSED, CONNECTION_FAILED, State.CLOSED, new Steps(true, true, null, null, false, false, 0, null)));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("table")
    void everyEventInEveryState(State from, Event event, State to, Steps expected) {
        SessionLifecycle lifecycle = in(from);
        assertThat(event.apply().apply(lifecycle)).isEqualTo(expected);
        assertThat(lifecycle.state()).isEqualTo(to);
    }

    @Test
    void theTableCoversEveryEventInEveryState() {
        assertThat(table().map(arguments -> arguments.get()[0] + " " + arguments.get()[1]).distinct())
                .hasSize(State.values().length * 6);
    }

    @Test
    void whateverHappensTheEndpointIsToldOnce() {
        Event[] events = {APPLICATION_CLOSES, CONTAINER_CLOSES, CONTAINER_CLOSES_AND_DROPS, PEER_CLOSES, CONNECTION_LOST, CONNECTION_FAILED};
        for (Event first : events) {
            for (Event second : events) {
                for (Event third : events) {
                    SessionLifecycle lifecycle = new SessionLifecycle();
                    int told = 0;
                    for (Event event : new Event[] {first, second, third}) {
                        told += event.apply().apply(lifecycle).tell() ? 1 : 0;
                    }
                    assertThat(told).as("%s, %s, %s", first, second, third).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void theSessionReportsItselfOpenUntilTheApplicationClosesItOrOnCloseHasReturned() {
        SessionLifecycle byPeer = new SessionLifecycle();
        byPeer.peerCloses(1000, "");
        assertThat(byPeer.reportsOpen()).as("while onClose runs, after the peer closed").isTrue();
        byPeer.ended();
        assertThat(byPeer.reportsOpen()).isFalse();
        assertThat(byPeer.hasEnded()).isTrue();

        SessionLifecycle byApplication = new SessionLifecycle();
        byApplication.applicationCloses(1000, "");
        assertThat(byApplication.reportsOpen()).isFalse();
        assertThat(byApplication.hasEnded()).isFalse();
    }
}
