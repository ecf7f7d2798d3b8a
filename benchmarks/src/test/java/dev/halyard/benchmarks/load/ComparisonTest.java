// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rounds folded into medians and summed checks, and the ratios to each container's native and to the better native. */
class ComparisonTest {

    private static final Comparison.Figure ECHO = new Comparison.Figure("echo 16 KiB text", "msg/s", true, "echo 16 KiB text");
    private static final Comparison.Figure CPU = new Comparison.Figure("echo 16 KiB text: server CPU", "µs/msg", false,
            "CPU 16 KiB text");

    @Test
    void aValueIsTheMedianOfItsRoundsAndTheChecksAddUp() {
        Comparison comparison = new Comparison(List.of(Target.TOMCAT_NATIVE, Target.TOMCAT_HALYARD), 3);
        comparison.put(ECHO, Target.TOMCAT_NATIVE, 300, new Check(10, 10, 0, 0, 0, null, 0));
        comparison.put(ECHO, Target.TOMCAT_NATIVE, 100, new Check(10, 8, 1, 1, 0, null, 0));
        comparison.put(ECHO, Target.TOMCAT_NATIVE, 200, new Check(10, 9, 0, 1, 1, "refused", 1));
        comparison.put(ECHO, Target.TOMCAT_HALYARD, 10, Check.none());
        comparison.put(ECHO, Target.TOMCAT_HALYARD, 40, Check.none());

        assertThat(comparison.value(ECHO, Target.TOMCAT_NATIVE)).isEqualTo(200.0);
        assertThat(comparison.roundValues(ECHO, Target.TOMCAT_NATIVE)).containsExactly(300.0, 100.0, 200.0);
        assertThat(comparison.value(ECHO, Target.TOMCAT_HALYARD)).as("the mean of the middle two").isEqualTo(25.0);
        assertThat(comparison.ratio(ECHO, Target.TOMCAT_HALYARD)).isEqualTo(0.125);
        assertThat(comparison.check(Target.TOMCAT_NATIVE)).isEqualTo(new Check(30, 27, 1, 2, 1, "refused", 1));
        assertThat(comparison.check(Target.TOMCAT_NATIVE).clean()).isFalse();
    }

    @Test
    void aTargetThatStoppedInAnyRoundSaysSoForEach() {
        Comparison comparison = new Comparison(List.of(Target.JETTY_NATIVE), 3);
        assertThat(comparison.error(Target.JETTY_NATIVE)).isNull();

        comparison.fail(Target.JETTY_NATIVE, "round 1: no port");
        comparison.fail(Target.JETTY_NATIVE, "round 3: exited");

        assertThat(comparison.error(Target.JETTY_NATIVE)).isEqualTo("round 1: no port; round 3: exited");
    }

    @Test
    void theBestNativeIsTheHigherWhereHigherIsBetterAndTheLowerWhereLowerIs() {
        Comparison comparison = new Comparison(List.of(Target.values()));
        ComparisonChartsTest.put(comparison, ECHO, 10_000, 14_000, 29_000, 24_000);
        ComparisonChartsTest.put(comparison, CPU, 160, 80, 40, 50);

        assertThat(comparison.ratioToBestNative(ECHO, Target.TOMCAT_HALYARD)).isEqualTo(14.0 / 29);
        assertThat(comparison.ratioToBestNative(ECHO, Target.JETTY_HALYARD)).isEqualTo(24.0 / 29);
        assertThat(comparison.ratioToBestNative(CPU, Target.TOMCAT_HALYARD)).isEqualTo(2.0);
        assertThat(comparison.ratioToBestNative(CPU, Target.JETTY_HALYARD)).isEqualTo(1.25);
        assertThat(comparison.ratio(CPU, Target.TOMCAT_HALYARD)).as("against its own container").isEqualTo(0.5);
    }

    @Test
    void noRatioToANativeFigureOfZeroOrLessButOneForAHalyardFigureBelowZero() {
        Comparison.Figure rss = new Comparison.Figure("RSS per idle connection", "bytes", false, "RSS per idle conn");
        Comparison comparison = new Comparison(List.of(Target.values()));
        ComparisonChartsTest.put(comparison, rss, 2_000, -500, -100, 300);

        assertThat(comparison.ratio(rss, Target.TOMCAT_HALYARD)).as("below zero against a positive native").isEqualTo(-0.25);
        assertThat(comparison.ratio(rss, Target.JETTY_HALYARD)).as("against a native below zero").isNull();
        assertThat(comparison.ratioToBestNative(rss, Target.JETTY_HALYARD)).as("the best native, -100, is below zero").isNull();
    }

    @Test
    void noBestNativeUnlessBothNativesHaveTheFigure() {
        Comparison comparison = new Comparison(List.of(Target.values()));
        comparison.put(ECHO, Target.TOMCAT_NATIVE, 100, Check.none());
        comparison.put(ECHO, Target.TOMCAT_HALYARD, 120, Check.none());

        assertThat(comparison.ratio(ECHO, Target.TOMCAT_HALYARD)).isEqualTo(1.2);
        assertThat(comparison.ratioToBestNative(ECHO, Target.TOMCAT_HALYARD)).isNull();
        assertThat(new Comparison(List.of(Target.TOMCAT_NATIVE, Target.TOMCAT_HALYARD)).hasBothNatives()).isFalse();
    }

    @Test
    void theSpreadIsTheLowestAndHighestRoundFromTheMedian() {
        assertThat(ComparisonReport.spread(List.of(100.0))).isEmpty();
        assertThat(ComparisonReport.spread(List.of(97.0, 100.0, 102.5))).isEqualTo(" −3.0/+2.5%");
        assertThat(ComparisonReport.spread(List.of(50.0, 100.0, 180.0))).isEqualTo(" −50/+80%");
        assertThat(ComparisonReport.spread(List.of(-40.0, 0.0, 30.0))).as("around 0, the values").isEqualTo(" -40.0…30.0");
    }

    @Test
    void theTableHasTheRoundsTheSpreadAndBothRatios() {
        Comparison comparison = new Comparison(List.of(Target.values()), 2);
        for (int round = 0; round < 2; round++) {
            ComparisonChartsTest.put(comparison, ECHO, 10_000 + round * 200, 14_000, 29_000, 24_000);
            ComparisonChartsTest.put(comparison, CPU, 160, 80, 40, 50);
        }

        String markdown = ComparisonReport.markdown(comparison, Plan.quick(), 1.0);

        assertThat(markdown).contains("Plan `quick`, 2 rounds, 1.0 minutes.");
        assertThat(markdown).contains("| figure | unit | better | Tomcat 11 native | Tomcat 11 Halyard | vs native | vs best native"
                + " | Jetty 12.1 native | Jetty 12.1 Halyard | vs native | vs best native |\n");
        assertThat(markdown).contains("| echo 16 KiB text | msg/s | higher | 10,100 −1.0/+1.0% | 14,000 −0.0/+0.0% | 1.39 | 0.48 |"
                + " 29,000 −0.0/+0.0% | 24,000 −0.0/+0.0% | 0.83 | 0.83 |\n");
        assertThat(markdown).contains("| echo 16 KiB text: server CPU | µs/msg | lower | 160.0 −0.0/+0.0% | 80.0 −0.0/+0.0% | 0.50 |"
                + " 2.00 | 40.0 −0.0/+0.0% | 50.0 −0.0/+0.0% | 1.25 | 1.25 |\n");
        assertThat(markdown).contains("| corrupt messages | messages | 0 | 0 | 0 |  |  | 0 | 0 |  |  |\n");
    }
}
