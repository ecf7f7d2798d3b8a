// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The ratios of a {@link Comparison} as Mermaid {@code xychart-beta} bar charts, which GitHub and
 * most Markdown viewers draw from the text, so the report needs no image and the machine that
 * measures needs no fonts. For each Halyard target whose native baseline ran: one chart of the
 * charted figures where higher is better (throughput), one of those where lower is better
 * (latency, CPU, memory), each with a line at 1, the native figure; then, when both natives ran,
 * the same two against the better native of each figure. One container a chart, because Mermaid
 * draws two bar series over each other rather than side by side.
 */
final class ComparisonCharts {

    /** The least top of the ratio axis, so that the line at 1 never touches the top. */
    private static final double LEAST_TOP = 1.25;

    private ComparisonCharts() {
    }

    /** The charts in Markdown, or the empty string when no figure has a ratio to chart. */
    static String markdown(Comparison comparison) {
        StringBuilder own = new StringBuilder();
        StringBuilder best = new StringBuilder();
        for (Target halyard : comparison.targets()) {
            if (halyard.halyard() && comparison.targets().contains(halyard.baseline())) {
                String byContainer = halyard.container() + ": Halyard / native";
                chart(own, comparison, halyard, true, comparison::ratio, byContainer, "native");
                chart(own, comparison, halyard, false, comparison::ratio, byContainer, "native");
                if (comparison.hasBothNatives()) {
                    String againstBest = "Halyard on " + halyard.container() + " / best native";
                    chart(best, comparison, halyard, true, comparison::ratioToBestNative, againstBest, "best native");
                    chart(best, comparison, halyard, false, comparison::ratioToBestNative, againstBest, "best native");
                }
            }
        }
        StringBuilder out = new StringBuilder();
        if (!own.isEmpty()) {
            out.append("## Halyard over native, by container\n\n"
                    + "Each bar is a ratio from the table: the Halyard figure over the same container's native one, so the "
                    + "line at 1 is native. Throughput is better above it; latency, CPU and memory are better below it.\n\n")
                    .append(own);
        }
        if (!best.isEmpty()) {
            out.append("## Halyard over the best native\n\n"
                    + "Each bar is the Halyard figure over the better of Tomcat's and Jetty's own WebSocket on that figure "
                    + "(vs best native in the table), so the line at 1 is the fastest, or leanest, native server.\n\n")
                    .append(best);
        }
        return out.toString();
    }

    private static void chart(StringBuilder out, Comparison comparison, Target halyard, boolean higherIsBetter,
            BiFunction<Comparison.Figure, Target, Double> ratioOf, String title, String baseline) {
        List<String> labels = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Comparison.Figure figure : comparison.figures()) {
            Double ratio = ratioOf.apply(figure, halyard);
            if (figure.charted() && figure.higherIsBetter() == higherIsBetter && ratio != null) {
                labels.add(quoted(figure.chartLabel()));
                ratios.add(Math.max(0, ratio)); // below 0 (a resident set that shrank) is drawn as no bar
            }
        }
        if (ratios.isEmpty()) {
            return;
        }
        double top = LEAST_TOP;
        for (double ratio : ratios) {
            top = Math.max(top, Math.ceil(ratio * 1.1 * 4) / 4);
        }
        String fullTitle = String.format(Locale.ROOT, "%s, %s (1 = %s)", title,
                higherIsBetter ? "throughput, higher is better" : "latency, CPU and memory, lower is better", baseline);
        out.append("```mermaid\n");
        out.append("xychart-beta\n");
        out.append("    title ").append(quoted(fullTitle)).append('\n');
        out.append("    x-axis [").append(String.join(", ", labels)).append("]\n");
        out.append(String.format(Locale.ROOT, "    y-axis \"ratio to %s\" 0 --> %.2f\n", baseline, top));
        out.append("    bar ").append(numbers(ratios)).append('\n');
        out.append("    line ").append(numbers(ratios.stream().map(ratio -> 1.0).toList())).append('\n');
        out.append("```\n\n");
    }

    private static String numbers(List<Double> values) {
        List<String> formatted = values.stream().map(value -> String.format(Locale.ROOT, "%.2f", value)).toList();
        return "[" + String.join(", ", formatted) + "]";
    }

    /** Mermaid text in double quotes, which it cannot escape: a double quote inside becomes a single one. */
    private static String quoted(String text) {
        return '"' + text.replace('"', '\'') + '"';
    }
}
