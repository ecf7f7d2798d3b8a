// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quick comparison against all four targets, for correctness only: every echoed and
 * broadcast byte as sent (compressed ones after inflation), no connection failed, every target
 * measured every figure, and the compressed echo compressed in both directions. Speeds are
 * printed, never asserted.
 */
class QuickComparisonTest {

    @Test
    void everyTargetEchoesAndBroadcastsEveryByteAndMeasuresEveryFigure() {
        List<Target> targets = List.of(Target.values());
        Comparison comparison = CompareRunner.run(Plan.quick(), targets, Path.of("target"), System.out);
        for (Target target : targets) {
            Check check = comparison.check(target);
            assertThat(comparison.error(target)).as("%s stopped", target.label()).isNull();
            assertThat(check.corrupt()).as("%s corrupt messages", target.label()).isZero();
            assertThat(check.missing()).as("%s missing messages of %d", target.label(), check.expected()).isZero();
            assertThat(check.failedConnections()).as("%s failed connections, the first: %s", target.label(),
                    check.firstFailure()).isZero();
            assertThat(check.intact()).as("%s intact messages", target.label()).isPositive();
            for (Comparison.Figure figure : comparison.figures()) {
                assertThat(comparison.value(figure, target)).as("%s: %s", target.label(), figure.name()).isNotNull();
            }
        }
        long compressed = Plan.quick().echo().stream().filter(EchoLoad.Settings::compressed).count();
        assertThat(compressed).as("echo figures with permessage-deflate").isPositive();
        // Each echo: msg/s, MB/s and server CPU per message; broadcast; idle heap and RSS; then latency p50, p99, p99.9
        assertThat(comparison.figures()).hasSize((int) (3 * Plan.quick().echo().size() + 2 * compressed + 3 + 1 + 2));
        // The compressed echo must have measured compressed traffic both ways, not a silent fallback to plain frames
        for (Comparison.Figure figure : comparison.figures()) {
            if (figure.name().contains("wire/payload")) {
                for (Target target : targets) {
                    assertThat(comparison.value(figure, target)).as("%s: %s", target.label(), figure.name()).isLessThan(0.9);
                }
            }
        }
    }
}
