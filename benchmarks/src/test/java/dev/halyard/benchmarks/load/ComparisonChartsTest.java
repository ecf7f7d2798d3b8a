// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The report's ratio charts: Mermaid blocks with one bar per charted figure, split by which way is
 * better, against each container's native and then against the better native.
 */
class ComparisonChartsTest {

    private static final Pattern MERMAID = Pattern.compile("```mermaid\n(.*?)```", Pattern.DOTALL);

    @Test
    void chartsEachContainersRatiosHigherAndLowerIsBetterApart() {
        Comparison comparison = new Comparison(List.of(Target.values()));
        Comparison.Figure echo = new Comparison.Figure("echo 1 KiB text, 16 conn × 16 in flight", "msg/s", true, "echo 1 KiB text");
        Comparison.Figure megabytes = new Comparison.Figure("echo 1 KiB text, 16 conn × 16 in flight", "MB/s", true, null);
        Comparison.Figure latency = new Comparison.Figure("latency p50 at 5,000 msg/s", "µs", false, "latency p50");
        Comparison.Figure heap = new Comparison.Figure("heap per idle connection (10,000 open)", "bytes", false, "heap per idle conn");
        put(comparison, echo, 100, 80, 100, 130);
        put(comparison, megabytes, 10, 8, 10, 13);
        put(comparison, latency, 50, 60, 40, 30);
        comparison.put(heap, Target.TOMCAT_NATIVE, 4000, Check.none());
        comparison.put(heap, Target.TOMCAT_HALYARD, 2000, Check.none()); // Jetty measured none: no bar on its chart

        String markdown = ComparisonReport.markdown(comparison, Plan.quick(), 1.0);

        assertThat(charts(markdown)).containsExactly(
                """
                xychart-beta
                    title "Tomcat 11: Halyard / native, throughput, higher is better (1 = native)"
                    x-axis ["echo 1 KiB text"]
                    y-axis "ratio to native" 0 --> 1.25
                    bar [0.80]
                    line [1.00]
                """,
                """
                xychart-beta
                    title "Tomcat 11: Halyard / native, latency, CPU and memory, lower is better (1 = native)"
                    x-axis ["latency p50", "heap per idle conn"]
                    y-axis "ratio to native" 0 --> 1.50
                    bar [1.20, 0.50]
                    line [1.00, 1.00]
                """,
                """
                xychart-beta
                    title "Jetty 12.1: Halyard / native, throughput, higher is better (1 = native)"
                    x-axis ["echo 1 KiB text"]
                    y-axis "ratio to native" 0 --> 1.50
                    bar [1.30]
                    line [1.00]
                """,
                """
                xychart-beta
                    title "Jetty 12.1: Halyard / native, latency, CPU and memory, lower is better (1 = native)"
                    x-axis ["latency p50"]
                    y-axis "ratio to native" 0 --> 1.25
                    bar [0.75]
                    line [1.00]
                """,
                // against the better native: 100 msg/s (a tie) and Jetty's 40 µs; no heap bar, Jetty measured none
                """
                xychart-beta
                    title "Halyard on Tomcat 11 / best native, throughput, higher is better (1 = best native)"
                    x-axis ["echo 1 KiB text"]
                    y-axis "ratio to best native" 0 --> 1.25
                    bar [0.80]
                    line [1.00]
                """,
                """
                xychart-beta
                    title "Halyard on Tomcat 11 / best native, latency, CPU and memory, lower is better (1 = best native)"
                    x-axis ["latency p50"]
                    y-axis "ratio to best native" 0 --> 1.75
                    bar [1.50]
                    line [1.00]
                """,
                """
                xychart-beta
                    title "Halyard on Jetty 12.1 / best native, throughput, higher is better (1 = best native)"
                    x-axis ["echo 1 KiB text"]
                    y-axis "ratio to best native" 0 --> 1.50
                    bar [1.30]
                    line [1.00]
                """,
                """
                xychart-beta
                    title "Halyard on Jetty 12.1 / best native, latency, CPU and memory, lower is better (1 = best native)"
                    x-axis ["latency p50"]
                    y-axis "ratio to best native" 0 --> 1.25
                    bar [0.75]
                    line [1.00]
                """);
    }

    @Test
    void noChartWithoutANativeBaseline() {
        Comparison comparison = new Comparison(List.of(Target.JETTY_HALYARD));
        comparison.put(new Comparison.Figure("echo 64 B text", "msg/s", true, "echo 64 B text"), Target.JETTY_HALYARD, 100,
                Check.none());

        assertThat(ComparisonCharts.markdown(comparison)).isEmpty();
        assertThat(ComparisonReport.markdown(comparison, Plan.quick(), 1.0)).doesNotContain("mermaid");
    }

    @Test
    void noChartAgainstTheBestNativeWithOneNative() {
        Comparison comparison = new Comparison(List.of(Target.TOMCAT_NATIVE, Target.TOMCAT_HALYARD));
        Comparison.Figure echo = new Comparison.Figure("echo 64 B text", "msg/s", true, "echo 64 B text");
        comparison.put(echo, Target.TOMCAT_NATIVE, 100, Check.none());
        comparison.put(echo, Target.TOMCAT_HALYARD, 120, Check.none());

        String markdown = ComparisonReport.markdown(comparison, Plan.quick(), 1.0);

        assertThat(charts(markdown)).hasSize(1);
        assertThat(markdown).doesNotContain("best native");
    }

    /** Values in the order of {@link Target#values()}: Tomcat native, Tomcat Halyard, Jetty native, Jetty Halyard. */
    static void put(Comparison comparison, Comparison.Figure figure, double... values) {
        for (int i = 0; i < values.length; i++) {
            comparison.put(figure, Target.values()[i], values[i], Check.none());
        }
    }

    private static List<String> charts(String markdown) {
        List<String> charts = new ArrayList<>();
        Matcher matcher = MERMAID.matcher(markdown);
        while (matcher.find()) {
            charts.add(matcher.group(1));
        }
        return charts;
    }
}
