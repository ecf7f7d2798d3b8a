// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders a {@link Comparison} as Markdown: a table of each target's value and each Halyard
 * target's ratio to native, then the {@link ComparisonCharts} of those ratios.
 */
final class ComparisonReport {

    private ComparisonReport() {
    }

    static String markdown(Comparison comparison, Plan plan, double minutes) {
        List<Target> targets = comparison.targets();
        StringBuilder out = new StringBuilder();
        out.append("# Halyard against the containers' own WebSocket\n\n");
        out.append(String.format(Locale.ROOT, "Plan `%s`, %.1f minutes. Each target ran alone in its own JVM (%s), "
                + "one after another, against the same echo and broadcast endpoint classes; the load generator is one "
                + "thread in the runner's JVM on the same machine (%d cores). Each figure starts after a full "
                + "collection on the target. A ratio is the Halyard figure divided by "
                + "the same container's native one: above 1 means more throughput, or more latency or memory, than "
                + "native.%n%n", plan.name(), minutes, String.join(" ", TargetProcess.JVM_OPTIONS),
                Runtime.getRuntime().availableProcessors()));
        List<String> header = new ArrayList<>(List.of("figure", "unit", "better"));
        for (Target target : targets) {
            header.add(target.label());
            if (hasRatio(target, targets)) {
                header.add("ratio");
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
                cells.add(number(comparison.value(figure, target)));
                if (hasRatio(target, targets)) {
                    Double ratio = comparison.ratio(figure, target);
                    cells.add(ratio == null ? "–" : String.format(Locale.ROOT, "%.2f", ratio));
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
            }
        }
        row(out, cells);
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
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
