// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs every figure of a {@link Plan} against each target in turn and writes the comparison:
 * {@code comparison.md} in the benchmarks' build directory (a table, and Mermaid charts of the
 * ratios to native that the Markdown viewer draws), and the same on the console. Arguments:
 * {@code [--quick] [--rounds N] [--targets id,id...] [--only kind,kind...] [--build DIR]}, where
 * a kind is echo, latency, broadcast or idle. Exits with 1 when any message was corrupt or missing
 * or any connection failed, in any round.
 *
 * <p>With N rounds every target runs N times, each time in a fresh JVM, so that one JVM's unlucky
 * compilation touches one round of a figure rather than all of it; the report gives the median.
 *
 * <p>Within a round, every target's JVM runs at once, and each throughput figure (echo, broadcast)
 * and the latency are measured in short slices taken in turn, only the target in its slice under
 * load ({@link Interleaving}): the machine's speed drifts over minutes, and a drift then lands on
 * every target alike instead of on whichever target's window it fell in. The idle figure, which
 * counts memory rather than time, is measured on one target at a time, in JVMs of its own.
 *
 * <p>Each figure's slices start from a collected heap on the target, so that garbage its warm-up
 * leaves (a 1 MiB echo leaves hundreds of megabytes) is not collected in the middle of a slice.
 */
public final class CompareRunner {

    /** Descriptors the runner itself needs besides the idle connections: the other figures, the JVM, logs. */
    private static final int SPARE_DESCRIPTORS = 1_500;

    private static final String USAGE = "[--quick] [--rounds N] [--targets id,id...] [--only kind,kind...] [--build DIR]";

    private CompareRunner() {
    }

    public static void main(String[] args) throws IOException {
        Plan plan = Plan.standard();
        List<Target> targets = List.of(Target.values());
        Set<String> kinds = FIGURE_KINDS;
        int rounds = 1;
        Path build = Files.isDirectory(Path.of("benchmarks", "target")) ? Path.of("benchmarks", "target") : Path.of("target");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> plan = Plan.quick();
                case "--targets" -> targets = List.of(value(args, ++i).split(",")).stream().map(Target::byId).toList();
                case "--build" -> build = Path.of(value(args, ++i));
                case "--only" -> kinds = kinds(value(args, ++i));
                case "--rounds" -> rounds = rounds(value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "; expected " + USAGE);
            }
        }
        long start = System.nanoTime();
        plan = plan.only(kinds);
        Comparison comparison = run(plan, targets, rounds, build, System.out);
        double minutes = (System.nanoTime() - start) / 60e9;
        String markdown = ComparisonReport.markdown(comparison, plan, minutes);
        Files.writeString(build.resolve("comparison.md"), markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written: " + build.resolve("comparison.md"));
        boolean clean = comparison.targets().stream().allMatch(t -> comparison.check(t).clean() && comparison.error(t) == null);
        System.exit(clean ? 0 : 1);
    }

    /** The kinds of figure a plan has; latency is measured after the others, on all targets at once. */
    static final Set<String> FIGURE_KINDS = new LinkedHashSet<>(List.of("echo", "latency", "broadcast", "idle"));

    private static Set<String> kinds(String list) {
        Set<String> chosen = new LinkedHashSet<>(List.of(list.split(",")));
        for (String kind : chosen) {
            if (!FIGURE_KINDS.contains(kind)) {
                throw new IllegalArgumentException("Unknown figure kind \"" + kind + "\" in --only; the kinds are " + FIGURE_KINDS);
            }
        }
        return chosen;
    }

    private static int rounds(String value) {
        try {
            int rounds = Integer.parseInt(value);
            if (rounds >= 1) {
                return rounds;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--rounds needs a whole number of at least 1, not \"" + value + "\"");
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** Runs the plan once against each target in turn; progress goes to {@code log}. */
    static Comparison run(Plan plan, List<Target> targets, Path build, PrintStream log) {
        return run(plan, targets, 1, build, log);
    }

    /**
     * Runs the plan against the targets {@code rounds} times over, each round in fresh target JVMs:
     * first the echo and broadcast figures, each in slices taken in turn on all the targets'
     * servers at once ({@link Interleaving}); then, in new JVMs, the idle figure on one target at a
     * time; then, in new JVMs again, the latency, in slices taken in turn.
     */
    static Comparison run(Plan plan, List<Target> targets, int rounds, Path build, PrintStream log) {
        Plan fitted = fitDescriptors(plan, log);
        Comparison comparison = new Comparison(targets, rounds);
        for (int round = 1; round <= rounds; round++) {
            String of = rounds > 1 ? String.format(Locale.ROOT, "round %d of %d, ", round, rounds) : "";
            Round.Starter start = new Round.Starter(targets, build, comparison, rounds > 1 ? "round " + round + ": " : "", log,
                    String.format(Locale.ROOT, "%s (%s%s plan)", targets.stream().map(Target::label).toList(), of, fitted.name()));
            if (!fitted.echo().isEmpty() || fitted.broadcast() != null) {
                start.run("", servers -> {
                    for (EchoLoad.Settings echo : fitted.echo()) {
                        measureEcho(echo, fitted.cycles(), servers, comparison, log);
                    }
                    if (fitted.broadcast() != null) {
                        measureBroadcast(fitted.broadcast(), fitted.cycles(), servers, comparison, log);
                    }
                });
            }
            if (fitted.idle() != null) {
                // In JVMs of their own: threads the other figures started end after their keep-alive
                // (60 s on all four), and an ending thread's stack leaving the resident set in the
                // middle of the measurement read as 1.5-2.3 KB less per connection
                start.run("idle connections of ", servers -> {
                    for (Target target : servers.targets()) {
                        servers.attempt(target, server -> measureIdle(fitted, target, server, comparison, log));
                    }
                });
            }
            if (fitted.latency() != null) {
                start.run("latency of ", servers -> measureLatency(fitted.latency(), servers, comparison, log));
            }
        }
        return comparison;
    }

    /**
     * The target JVMs of one round, all running at once. A target that fails is reported,
     * stopped and left out of the rest of the round.
     */
    private static final class Round implements AutoCloseable {

        /** Starts a round's JVMs, all the targets' at once, for one part of it, and stops them after. */
        record Starter(List<Target> targets, Path build, Comparison comparison, String inRound, PrintStream log, String title) {
            void run(String part, Consumer<Round> work) {
                log.printf(Locale.ROOT, "== %s%s%n", part, title);
                try (Round round = new Round(comparison, inRound, log)) {
                    round.start(targets, build);
                    work.accept(round);
                }
            }
        }

        private final Map<Target, TargetProcess> servers = new LinkedHashMap<>();
        private final Comparison comparison;
        private final String inRound;
        private final PrintStream log;

        Round(Comparison comparison, String inRound, PrintStream log) {
            this.comparison = comparison;
            this.inRound = inRound;
            this.log = log;
        }

        void start(List<Target> targets, Path build) {
            for (Target target : targets) {
                try {
                    servers.put(target, TargetProcess.start(target, build));
                } catch (RuntimeException e) {
                    fail(target, e);
                }
            }
        }

        List<Target> targets() {
            return List.copyOf(servers.keySet());
        }

        /** Runs {@code step} on the target's server; if it throws, the target fails. */
        void attempt(Target target, Consumer<TargetProcess> step) {
            TargetProcess server = servers.get(target);
            if (server != null) {
                try {
                    step.accept(server);
                } catch (RuntimeException e) {
                    fail(target, e);
                }
            }
        }

        /**
         * Opens a load on each target's server, runs them interleaved, and hands each that did not
         * fail to {@code finish}; every load is closed at the end.
         */
        <L extends Interleaving.Load> void interleave(Function<TargetProcess, L> open, int unrecorded, int cycles,
                BiConsumer<Target, L> finish) {
            Map<Target, L> loads = new LinkedHashMap<>();
            try {
                for (Target target : targets()) {
                    attempt(target, server -> loads.put(target, open.apply(server)));
                }
                Map<Target, L> measured = Interleaving.run(loads, unrecorded, cycles, this::fail);
                measured.forEach((target, load) -> attempt(target, server -> finish.accept(target, load)));
            } finally {
                loads.values().forEach(Interleaving.Load::close);
            }
        }

        void fail(Target target, RuntimeException e) {
            log.println("   " + target.label() + " stopped: " + e);
            comparison.fail(target, inRound + e);
            TargetProcess server = servers.remove(target);
            if (server != null) {
                server.close();
            }
        }

        @Override
        public void close() {
            servers.values().forEach(TargetProcess::close);
            servers.clear();
        }
    }

    private static void measureEcho(EchoLoad.Settings echo, int cycles, Round servers, Comparison comparison, PrintStream log) {
        String name = String.format(Locale.ROOT, "echo %s %s%s, %s%d conn × %d in flight", size(echo.size()),
                echo.compressed() ? "JSON " : "", echo.binary() ? "binary" : "text",
                echo.compressed() ? "permessage-deflate, " : "", echo.connections(), echo.inFlight());
        String bar = "echo " + size(echo.size()) + (echo.compressed() ? " JSON deflate" : echo.binary() ? " binary" : " text");
        servers.interleave(server -> EchoLoad.open(server.address(), echo, server), 0, cycles, (target, load) -> {
            EchoLoad.Result result = load.finish();
            comparison.put(new Comparison.Figure(name, "msg/s", true, bar), target, result.messagesPerSecond(), result.check());
            comparison.put(new Comparison.Figure(name, "MB/s", true, null), target, result.megabytesPerSecond(), Check.none());
            if (!Double.isNaN(result.serverCpuMicrosPerMessage())) {
                comparison.put(new Comparison.Figure(name + ": server CPU", "µs/msg", false, "CPU" + bar.substring("echo".length())),
                        target, result.serverCpuMicrosPerMessage(), Check.none());
            }
            log.printf(Locale.ROOT, "   %s, %s: %,.0f msg/s, %.1f MB/s, server CPU %.2f µs/msg, %s; %s%n", target.label(), name,
                    result.messagesPerSecond(), result.megabytesPerSecond(), result.serverCpuMicrosPerMessage(), result.client(),
                    result.check());
            if (echo.compressed()) {
                // Wire bytes per payload byte show that compression happened, and how well each server compresses
                comparison.put(new Comparison.Figure(name + ": wire/payload to server", "ratio", false, null), target,
                        result.wireToServer(), Check.none());
                comparison.put(new Comparison.Figure(name + ": wire/payload from server", "ratio", false, null), target,
                        result.wireFromServer(), Check.none());
                log.printf(Locale.ROOT, "   agreed %s; wire bytes per payload byte: %.3f to the server, %.3f from it; %,d echoes"
                        + " came back uncompressed%n", result.agreed(), result.wireToServer(), result.wireFromServer(),
                        result.uncompressedEchoes());
            }
        });
    }

    /**
     * Latency in fresh JVMs, interleaved. The first cycles are not recorded: their slices were the
     * slowest of all, as the servers just warmed up (and the generator) finished compiling;
     * unrecorded, they cost every target alike. Any 12 consecutive rows of the order are still
     * whole squares.
     */
    private static void measureLatency(LatencyLoad.Settings latency, Round servers, Comparison comparison, PrintStream log) {
        String at = String.format(Locale.ROOT, "at %,d msg/s (%s text, %d conn, %s%d slices of %s s)", latency.ratePerSecond(),
                size(latency.size()), latency.connections(), servers.targets().size() > 1 ? "interleaved " : "", latency.slices(),
                BigDecimal.valueOf(latency.slice().toMillis(), 3).stripTrailingZeros().toPlainString());
        Function<TargetProcess, LatencyLoad> open = server -> LatencyLoad.open(server.address(), latency, server);
        servers.interleave(open, latency.unrecorded(), latency.slices(), (target, load) -> {
            LatencyLoad.Result delay = load.finish();
            comparison.put(new Comparison.Figure("latency p50 " + at, "µs", false, "latency p50"), target, delay.p50Micros(),
                    delay.check());
            comparison.put(new Comparison.Figure("latency p99 " + at, "µs", false, "latency p99"), target, delay.p99Micros(),
                    Check.none());
            comparison.put(new Comparison.Figure("latency p99.9 " + at, "µs", false, "latency p99.9"), target, delay.p999Micros(),
                    Check.none());
            log.printf(Locale.ROOT, "   %s latency: p50 %.0f µs, p99 %.0f µs, p99.9 %.0f µs over %,d (pooled; p99 by slice %s); %s%n",
                    target.label(), delay.p50Micros(), delay.p99Micros(), delay.p999Micros(), delay.samples(),
                    delay.sliceP99s().stream().map(p99 -> String.format(Locale.ROOT, "%.0f", p99)).toList(), delay.check());
        });
    }

    private static void measureBroadcast(BroadcastLoad.Settings broadcast, int cycles, Round servers, Comparison comparison,
            PrintStream log) {
        String to = String.format(Locale.ROOT, "broadcast %s text, 1 sender to %,d receivers", size(broadcast.size()),
                broadcast.receivers());
        servers.interleave(server -> BroadcastLoad.open(server.address(), broadcast, server), 0, cycles, (target, load) -> {
            BroadcastLoad.Result spread = load.finish();
            comparison.put(new Comparison.Figure(to, "deliveries/s", true, "broadcast " + size(broadcast.size())), target,
                    spread.deliveriesPerSecond(), spread.check());
            log.printf(Locale.ROOT, "   %s, %s: %,.0f deliveries/s, server CPU %.2f µs/delivery, %s; %s%n", target.label(), to,
                    spread.deliveriesPerSecond(), spread.serverCpuMicrosPerDelivery(), spread.client(), spread.check());
        });
    }

    private static void measureIdle(Plan plan, Target target, TargetProcess server, Comparison comparison, PrintStream log) {
        IdleLoad.Result idle = IdleLoad.run(server.address(), plan.idle(), server);
        String open = String.format(Locale.ROOT, "per idle connection (%,d open)", idle.connections());
        comparison.put(new Comparison.Figure("heap " + open, "bytes", false, "heap per idle conn"), target,
                idle.heapBytesPerConnection(), idle.check());
        comparison.put(new Comparison.Figure("RSS " + open, "bytes", false, "RSS per idle conn"), target,
                idle.residentBytesPerConnection(), Check.none());
        log.printf(Locale.ROOT, "   %s, %s: heap %,.0f B, RSS %,.0f B; %s%n", target.label(), open, idle.heapBytesPerConnection(),
                idle.residentBytesPerConnection(), idle.check());
    }

    /** Lowers the idle connections to what this process's descriptor limit allows (the targets inherit it). */
    private static Plan fitDescriptors(Plan plan, PrintStream log) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long allowed = unix.getMaxFileDescriptorCount() - SPARE_DESCRIPTORS;
            if (plan.idle() != null && allowed < plan.idle().connections()) {
                int fewer = (int) Math.max(1, allowed);
                log.printf(Locale.ROOT, "The descriptor limit (ulimit -n) is %,d: measuring %,d idle connections instead of %,d;"
                        + " raise it with ulimit -n %,d for the full figure%n", unix.getMaxFileDescriptorCount(), fewer,
                        plan.idle().connections(), plan.idle().connections() + SPARE_DESCRIPTORS);
                return plan.withIdleConnections(fewer);
            }
        }
        return plan;
    }

    static String size(int bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }

}
