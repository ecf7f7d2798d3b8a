// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders a {@link Comparison} as Markdown: a table of each target's value (with the spread of
 * the rounds when there were several) and each Halyard target's ratios to its container's native
 * and to the better native, then the {@link ComparisonCharts} of those ratios.
 */
final class ComparisonReport {

    private ComparisonReport() {
    }

    static String markdown(Comparison comparison, Plan plan, double minutes) {
        List<Target> targets = comparison.targets();
        StringBuilder out = new StringBuilder();
        out.append("# Halyard against the containers' own WebSocket\n\n");
        out.append(introduction(comparison, plan, minutes));
        List<String> header = new ArrayList<>(List.of("figure", "unit", "better"));
        for (Target target : targets) {
            header.add(target.label());
            if (hasRatio(target, targets)) {
                header.add("vs native");
                if (comparison.hasBothNatives()) {
                    header.add("vs best native");
                }
            }
        }
        row(out, header);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            rule.add(i < 3 ? "---" : "---:");
        }
        row(out, rule);
        for (Comparison.Figure figure : comparison.figures()) {
            List<String> cells = new ArrayList<>(List.of(figure.name(), figure.unit(), figure.higherIsBetter() ? "higher" : "lower"));
            for (Target target : targets) {
                cells.add(number(comparison.value(figure, target)) + spread(comparison.roundValues(figure, target)));
                if (hasRatio(target, targets)) {
                    cells.add(ratio(comparison.ratio(figure, target)));
                    if (comparison.hasBothNatives()) {
                        cells.add(ratio(comparison.ratioToBestNative(figure, target)));
                    }
                }
            }
            row(out, cells);
        }
        checkRow(out, comparison, "messages checked", Check::expected);
        checkRow(out, comparison, "corrupt messages", Check::corrupt);
        checkRow(out, comparison, "missing messages", Check::missing);
        checkRow(out, comparison, "failed connections", check -> (long) check.failedConnections());
        checkRow(out, comparison, "TCP left open after the close handshake", check -> (long) check.lingering());
        out.append('\n');
        out.append("A connection counts in the last row when the server answered the client's close frame but did not "
                + "close TCP within 1 s plus 0.2 ms a connection (RFC 6455 §7.1.1: it should at once).\n\n");
        for (Target target : targets) {
            Check check = comparison.check(target);
            if (check.firstFailure() != null) {
                out.append("- ").append(target.label()).append(", first connection failure: ").append(check.firstFailure()).append('\n');
            }
            if (comparison.error(target) != null) {
                out.append("- ").append(target.label()).append(" stopped: ").append(comparison.error(target)).append('\n');
            }
        }
        String charts = ComparisonCharts.markdown(comparison);
        if (!charts.isEmpty()) {
            if (out.charAt(out.length() - 2) != '\n') {
                out.append('\n'); // a blank line after the list of failures
            }
            out.append(charts);
        }
        return out.toString();
    }

    /** What was measured, how, and how to read the table. */
    private static String introduction(Comparison comparison, Plan plan, double minutes) {
        int rounds = comparison.rounds();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Plan `%s`, %s, %.1f minutes. ", plan.name(),
                rounds == 1 ? "1 round" : rounds + " rounds", minutes));
        text.append(String.format(Locale.ROOT, "Each target ran in its own JVM (%s) with the same echo and broadcast endpoint "
                + "classes; the load generator is one thread in the runner's JVM on the same machine (%d cores). ",
                String.join(" ", TargetProcess.JVM_OPTIONS), Runtime.getRuntime().availableProcessors()));
        boolean together = comparison.targets().size() > 1;
        if (together) {
            text.append("In each round every target's JVM ran at once, and each echo and broadcast figure and the latency were "
                    + "measured in short slices taken in turn (only the target in its slice under load, the order changing "
                    + "every cycle), each target's slices pooled, so that every target meets the machine's drifts and stalls "
                    + "alike; latency in JVMs of its own, started after the others stopped. ");
        }
        if (together && plan.idle() != null) {
            text.append("The idle figure was measured in JVMs of its own too, on one target at a time. ");
        }
        if (rounds > 1) {
            text.append("Each round started fresh JVMs. ");
        }
        text.append("Each figure's slices start after a warm-up and a full collection on the target. Server CPU is the target "
                + "process's user and system time (all its threads) over the counted time of the slices, per message echoed. ");
        if (rounds > 1) {
            text.append("Each value is the median of the rounds, then how far the lowest and the highest round lay from it "
                    + "(−3.0/+2.5% or, around 0, the lowest…highest); the checks add up every round. ");
        }
        text.append("A ratio is the Halyard figure divided by the same container's native one (vs native)");
        if (comparison.hasBothNatives()) {
            text.append(" or by the better of the two natives, the higher where higher is better and the lower where lower "
                    + "is (vs best native)");
        }
        return text.append(": above 1 means more throughput, or more latency, CPU or memory, than that native. There is no "
                + "ratio (–) to a native figure of 0 or less, as a resident set's growth per connection can be within its "
                + "noise, and a ratio below 0 is a Halyard figure below 0 against a native one above.\n\n").toString();
    }

    private static boolean hasRatio(Target target, List<Target> targets) {
        return target.halyard() && targets.contains(target.baseline());
    }

    private static void checkRow(StringBuilder out, Comparison comparison, String name, Function<Check, Long> value) {
        List<String> cells = new ArrayList<>(List.of(name, "messages", "0"));
        if (name.equals("messages checked")) {
            cells.set(2, "");
        }
        if (name.startsWith("TCP")) {
            cells.set(1, "connections");
        } else if (name.equals("failed connections")) {
            cells.set(1, "connections");
        }
        for (Target target : comparison.targets()) {
            cells.add(String.format(Locale.ROOT, "%,d", value.apply(comparison.check(target))));
            if (hasRatio(target, comparison.targets())) {
                cells.add("");
                if (comparison.hasBothNatives()) {
                    cells.add("");
                }
            }
        }
        row(out, cells);
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String ratio(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    /**
     * How far the lowest and the highest of several rounds lie from their median, in percent of
     * it ({@code " −3.0/+2.5%"}), or as the two values where the median is 0; empty for one round.
     */
    static String spread(List<Double> rounds) {
        if (rounds.size() < 2) {
            return "";
        }
        double median = Comparison.median(rounds.stream().mapToDouble(Double::doubleValue).toArray());
        double lowest = rounds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double highest = rounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (median == 0) {
            return " " + number(lowest) + "…" + number(highest);
        }
        return " −" + percent((median - lowest) / Math.abs(median)) + "/+" + percent((highest - median) / Math.abs(median)) + "%";
    }

    private static String percent(double fraction) {
        double percent = fraction * 100;
        return String.format(Locale.ROOT, percent < 9.95 ? "%.1f" : "%.0f", percent);
    }

    static String number(Double value) {
        if (value == null) {
            return "–";
        }
        double magnitude = Math.abs(value);
        String format = magnitude >= 1000 ? "%,.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, value);
    }
}
