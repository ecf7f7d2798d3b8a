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
 * a fixed window. Every receiver must get every message, in order, intact.
 */
final class BroadcastLoad {

    record Settings(int receivers, int inFlight, int size, Duration warmup, Duration measure) {
    }

    /**
     * @param serverCpuMicrosPerDelivery the server process's CPU time over the window (all threads)
     *        divided by the deliveries in it; NaN when the probe cannot read it
     */
    record Result(double deliveriesPerSecond, double serverCpuMicrosPerDelivery, Check check) {
    }

    /** Time for the server to register the last receiver's session after its handshake returned. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private BroadcastLoad() {
    }

    /** @param serverProbe reads the server's CPU time at the start and the end of the measured window */
    static Result run(InetSocketAddress server, Settings settings, ServerProbe serverProbe) {
        MessagePattern pattern = new MessagePattern(settings.size());
        List<Connection> sender = List.of(new Connection(new Connection.Listener() { }, 64 * 1024).sends(pattern, 0x1, 0));
        // Receivers get each message in order, so message k is done by all once its count reaches the receivers'
        int[] copies = new int[settings.inFlight() + 1];
        boolean[] sending = {true};
        int[] receiving = {settings.receivers()};
        Connection.Listener receiver = new Connection.Listener() {
            @Override
            public void received(Connection connection, boolean intact) {
                int slot = (int) ((connection.intact() + connection.corrupt() - 1) % copies.length);
                if (++copies[slot] == receiving[0]) {
                    copies[slot] = 0;
                    if (sending[0]) {
                        sender.get(0).send(1);
                    }
                }
            }
        };
        List<Connection> receivers = new ArrayList<>();
        for (int i = 0; i < settings.receivers(); i++) {
            receivers.add(new Connection(receiver, 256).expects(pattern, 0x1, 0));
        }
        try (EventLoop loop = new EventLoop(server)) {
            receiving[0] = loop.open(receivers, "/broadcast", EchoLoad.deadline(Duration.ofSeconds(60)));
            loop.open(sender, "/broadcast", EchoLoad.deadline(Duration.ofSeconds(10)));
            loop.run(EchoLoad.deadline(SETTLE));
            sender.get(0).send(settings.inFlight());
            loop.run(EchoLoad.deadline(settings.warmup()));
            long deliveries = EchoLoad.received(receivers);
            long cpuBefore = serverProbe.cpuNanos();
            long start = System.nanoTime();
            loop.run(start + settings.measure().toNanos());
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuAfter = serverProbe.cpuNanos();
            deliveries = EchoLoad.received(receivers) - deliveries;
            double cpuPerDelivery = ServerProbe.cpuMicrosPer(cpuBefore, cpuAfter, deliveries);
            sending[0] = false;
            long expected = sender.get(0).sent();
            loop.run(EchoLoad.deadline(Duration.ofSeconds(10)), () -> receivers.stream()
                    .allMatch(r -> r.state() == Connection.State.CLOSED || r.intact() + r.corrupt() >= expected), null);
            List<Connection> all = new ArrayList<>(receivers);
            all.addAll(sender);
            loop.closeAll(all);
            Check check = Check.of(all, expected * receiving[0]);
            return new Result(deliveries / seconds, cpuPerDelivery, check);
        }
    }
}
