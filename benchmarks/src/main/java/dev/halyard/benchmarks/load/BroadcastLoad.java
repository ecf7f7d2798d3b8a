// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Broadcast: R receivers and one sender connect to /broadcast, which relays every message of the
 * sender to every other session. The sender keeps W messages in flight, a message counting as
 * done once every receiver has it; deliveries (messages received by receivers) per second over
 * the measured slices, each after an uncounted lead-in and followed by a wait until every
 * receiver has every message sent ({@link Interleaving}). Every receiver must get every message,
 * in order, intact.
 */
final class BroadcastLoad extends ThroughputLoad {

    /** @param slice the counted time of each slice */
    record Settings(int receivers, int inFlight, int size, Duration warmup, Duration slice) {
    }

    /**
     * @param serverCpuMicrosPerDelivery the server process's CPU time over the counted time (all threads)
     *        divided by the deliveries in it; NaN when the probe cannot read it
     * @param client the load generator thread's CPU time per delivery and share of a core, for the log
     */
    record Result(double deliveriesPerSecond, double serverCpuMicrosPerDelivery, String client, Check check) {
    }

    /** Time for the server to register the last receiver's session after its handshake returned. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Settings settings;
    private final Connection sender;
    private final List<Connection> receivers = new ArrayList<>();
    /** Receivers get each message in order, so message k is done by all once its count reaches the receivers'. */
    private final int[] copies;
    private int receiving;
    private boolean sending;

    private BroadcastLoad(EventLoop loop, Settings settings, ServerProbe server) {
        super(loop, server, settings.warmup(), settings.slice());
        this.settings = settings;
        MessagePattern pattern = new MessagePattern(settings.size());
        sender = new Connection(new Connection.Listener() { }, 64 * 1024).sends(pattern, 0x1, 0);
        copies = new int[settings.inFlight() + 1];
        Connection.Listener receiver = new Connection.Listener() {
            @Override
            public void received(Connection connection, boolean intact) {
                int slot = (int) ((connection.intact() + connection.corrupt() - 1) % copies.length);
                if (++copies[slot] == receiving) {
                    copies[slot] = 0;
                    if (sending) {
                        sender.send(1);
                    }
                }
            }
        };
        for (int i = 0; i < settings.receivers(); i++) {
            receivers.add(new Connection(receiver, 256).expects(pattern, 0x1, 0));
        }
    }

    /**
     * Opens the receivers and the sender to {@code address}'s /broadcast, silent until the warm-up.
     *
     * @param server reads the server's CPU time at the start and the end of each slice's counted time
     */
    static BroadcastLoad open(InetSocketAddress address, Settings settings, ServerProbe server) {
        return Interleaving.opened(address, loop -> {
            BroadcastLoad load = new BroadcastLoad(loop, settings, server);
            load.receiving = loop.open(load.receivers, "/broadcast", EchoLoad.deadline(Duration.ofSeconds(60)));
            loop.open(List.of(load.sender), "/broadcast", EchoLoad.deadline(Duration.ofSeconds(10)));
            loop.run(EchoLoad.deadline(SETTLE));
            return load;
        });
    }

    @Override
    void start() {
        sending = true;
        sender.send(settings.inFlight());
    }

    /** Stops sending and waits until every open receiver has every message sent. */
    @Override
    void stop() {
        sending = false;
        long expected = sender.sent();
        loop.run(EchoLoad.deadline(DRAIN), () -> receivers.stream()
                .allMatch(r -> r.state() == Connection.State.CLOSED || r.intact() + r.corrupt() >= expected), null);
    }

    /** Closes every connection with the closing handshake; the figures over the recorded slices, and what all the traffic proved. */
    Result finish() {
        List<Connection> all = new ArrayList<>(receivers);
        all.add(sender);
        loop.closeAll(all);
        return new Result(totals.perSecond(), totals.cpuMicrosPerUnit(), totals.client(), Check.of(all, sender.sent() * receiving));
    }

    @Override
    long done() {
        return EchoLoad.received(receivers);
    }
}
