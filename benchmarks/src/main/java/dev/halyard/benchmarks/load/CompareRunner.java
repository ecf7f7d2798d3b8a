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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs every figure of a {@link Plan} against each target in turn and writes the comparison:
 * {@code comparison.md} in the benchmarks' build directory (a table, and Mermaid charts of the
 * ratios to native that the Markdown viewer draws), and the same on the console. Arguments:
 * {@code [--quick] [--rounds N] [--targets id,id...] [--only kind,kind...] [--build DIR]}, where
 * a kind is echo, latency, broadcast or idle. Exits with 1 when any message was corrupt or missing
 * or any connection failed, in any round.
 *
 * <p>With N rounds every target runs N times, interleaved (each target in turn, then again), each
 * time in a fresh JVM, so that a slow minute on the shared machine or one JVM's unlucky
 * compilation touches one round of a figure rather than all of it; the report gives the median.
 *
 * <p>In each round the figures but latency are measured on one target at a time; then latency is
 * measured on all the targets at once, in short slices taken in turn ({@link InterleavedLatency}),
 * because its tail moves with stalls of the whole machine that one target's own time slot might
 * or might not catch.
 *
 * <p>Each figure starts from a collected heap on the target, so that garbage one figure leaves
 * (a 1 MiB echo leaves hundreds of megabytes) is not collected in the middle of the next.
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

    /** Runs the plan against each target in turn, {@code rounds} times over, each time in a fresh target JVM. */
    static Comparison run(Plan plan, List<Target> targets, int rounds, Path build, PrintStream log) {
        Plan fitted = fitDescriptors(plan, log);
        Comparison comparison = new Comparison(targets, rounds);
        for (int round = 1; round <= rounds; round++) {
            String of = rounds > 1 ? String.format(Locale.ROOT, "round %d of %d, ", round, rounds) : "";
            String inRound = rounds > 1 ? "round " + round + ": " : "";
            for (Target target : fitted.measuresEachAlone() ? targets : List.<Target>of()) {
                log.printf(Locale.ROOT, "== %s (%s%s plan)%n", target.label(), of, fitted.name());
                try (TargetProcess server = TargetProcess.start(target, build)) {
                    measure(fitted, target, server, comparison, log);
                } catch (RuntimeException e) {
                    comparison.fail(target, inRound + e);
                    log.println("   stopped: " + e);
                }
            }
            if (fitted.latency() != null) {
                log.printf(Locale.ROOT, "== latency of %s (%s%s plan)%n", targets.stream().map(Target::label).toList(), of,
                        fitted.name());
                measureLatency(fitted.latency(), targets, build, comparison, log, inRound);
            }
        }
        return comparison;
    }

    private static void measure(Plan plan, Target target, TargetProcess server, Comparison comparison, PrintStream log) {
        InetSocketAddress address = server.address();
        for (EchoLoad.Settings echo : plan.echo()) {
            server.heapAfterGc();
            EchoLoad.Result result = EchoLoad.run(address, echo, server);
            String name = String.format(Locale.ROOT, "echo %s %s%s, %s%d conn × %d in flight", size(echo.size()),
                    echo.compressed() ? "JSON " : "", echo.binary() ? "binary" : "text",
                    echo.compressed() ? "permessage-deflate, " : "", echo.connections(), echo.inFlight());
            String bar = "echo " + size(echo.size()) + (echo.compressed() ? " JSON deflate" : echo.binary() ? " binary" : " text");
            comparison.put(new Comparison.Figure(name, "msg/s", true, bar), target, result.messagesPerSecond(), result.check());
            comparison.put(new Comparison.Figure(name, "MB/s", true, null), target, result.megabytesPerSecond(), Check.none());
            if (!Double.isNaN(result.serverCpuMicrosPerMessage())) {
                comparison.put(new Comparison.Figure(name + ": server CPU", "µs/msg", false, "CPU" + bar.substring("echo".length())),
                        target, result.serverCpuMicrosPerMessage(), Check.none());
            }
            log.printf(Locale.ROOT, "   %s: %,.0f msg/s, %.1f MB/s, server CPU %.2f µs/msg; %s%n", name, result.messagesPerSecond(),
                    result.megabytesPerSecond(), result.serverCpuMicrosPerMessage(), result.check());
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
        }
        if (plan.broadcast() != null) {
            measureBroadcast(plan.broadcast(), target, server, comparison, log);
        }
        if (plan.idle() != null) {
            measureIdle(plan, target, server, comparison, log);
        }
    }

    private static void measureLatency(LatencyLoad.Settings latency, List<Target> targets, Path build, Comparison comparison,
            PrintStream log, String inRound) {
        Map<Target, InterleavedLatency.Result> delays = InterleavedLatency.run(latency, targets, build, log,
                (target, error) -> comparison.fail(target, inRound + error));
        String at = String.format(Locale.ROOT, "at %,d msg/s (%s text, %d conn, %s%d slices of %s s)", latency.ratePerSecond(),
                size(latency.size()), latency.connections(), targets.size() > 1 ? "interleaved " : "", latency.slices(),
                BigDecimal.valueOf(latency.slice().toMillis(), 3).stripTrailingZeros().toPlainString());
        delays.forEach((target, delay) -> {
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

    private static void measureBroadcast(BroadcastLoad.Settings broadcast, Target target, TargetProcess server,
            Comparison comparison, PrintStream log) {
        server.heapAfterGc();
        BroadcastLoad.Result spread = BroadcastLoad.run(server.address(), broadcast, server);
        String to = String.format(Locale.ROOT, "broadcast %s text, 1 sender to %,d receivers", size(broadcast.size()),
                broadcast.receivers());
        comparison.put(new Comparison.Figure(to, "deliveries/s", true, "broadcast " + size(broadcast.size())), target,
                spread.deliveriesPerSecond(), spread.check());
        log.printf(Locale.ROOT, "   %s: %,.0f deliveries/s, server CPU %.2f µs/delivery; %s%n", to, spread.deliveriesPerSecond(),
                spread.serverCpuMicrosPerDelivery(), spread.check());
    }

    private static void measureIdle(Plan plan, Target target, TargetProcess server, Comparison comparison, PrintStream log) {
        IdleLoad.Result idle = IdleLoad.run(server.address(), plan.idle(), server);
        String open = String.format(Locale.ROOT, "per idle connection (%,d open)", idle.connections());
        comparison.put(new Comparison.Figure("heap " + open, "bytes", false, "heap per idle conn"), target,
                idle.heapBytesPerConnection(), idle.check());
        comparison.put(new Comparison.Figure("RSS " + open, "bytes", false, "RSS per idle conn"), target,
                idle.residentBytesPerConnection(), Check.none());
        log.printf(Locale.ROOT, "   %s: heap %,.0f B, RSS %,.0f B; %s%n", open, idle.heapBytesPerConnection(),
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
