// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The order of the interleaved latency slices, and the pooling of a target's slices; no servers. */
class InterleavedLatencyTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void overAWholeSquareEveryTargetHoldsEveryPlaceAndFollowsEveryOtherEquallyOften(int targets) {
        int period = targets % 2 == 0 ? targets : 2 * targets;
        List<int[]> order = InterleavedLatency.order(targets, period);
        int[][] places = new int[targets][targets];
        Map<List<Integer>, Integer> follows = new HashMap<>();
        for (int[] cycle : order) {
            assertThat(cycle).as("one cycle").containsExactlyInAnyOrder(range(targets));
            for (int place = 0; place < targets; place++) {
                places[cycle[place]][place]++;
                if (place > 0) {
                    follows.merge(List.of(cycle[place - 1], cycle[place]), 1, Integer::sum);
                }
            }
        }
        for (int target = 0; target < targets; target++) {
            for (int place = 0; place < targets; place++) {
                assertThat(places[target][place]).as("target %d in place %d", target, place).isEqualTo(period / targets);
            }
        }
        assertThat(follows).as("ordered neighbours").hasSize(targets * (targets - 1));
        assertThat(follows.values()).as("times each target follows each other").allMatch(times -> times == period / targets);
    }

    @Test
    void theStandardTwelveCyclesAreWholeSquaresForOneToFourTargets() {
        for (int targets = 1; targets <= 4; targets++) {
            List<int[]> order = InterleavedLatency.order(targets, 12);
            assertThat(order).hasSize(12);
            int period = targets % 2 == 0 ? targets : 2 * targets;
            assertThat(12 % period).as("cycles left over a whole square with %d targets", targets).isZero();
            for (int cycle = 0; cycle < 12; cycle++) {
                assertThat(order.get(cycle)).isEqualTo(order.get(cycle % period));
            }
        }
    }

    @Test
    void slicesPoolIntoOneHistogramAndEachKeepsItsOwnP99() {
        InterleavedLatency.Pool pool = new InterleavedLatency.Pool();
        Histogram quiet = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            quiet.recordValue(100);
        }
        Histogram stalled = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            stalled.recordValue(i <= 50 ? 100 : 10_000);
        }
        pool.add(quiet);
        pool.add(stalled);
        InterleavedLatency.Result result = pool.result(Check.none());
        assertThat(result.samples()).isEqualTo(200);
        assertThat(result.sliceP99s()).hasSize(2);
        assertThat(result.sliceP99s().get(0)).isCloseTo(100, withPercentage(1));
        assertThat(result.sliceP99s().get(1)).isCloseTo(10_000, withPercentage(1));
        // 150 of the 200 pooled round trips took 100 µs, 50 took 10 ms
        assertThat(result.p50Micros()).isCloseTo(100, withPercentage(1));
        assertThat(result.p99Micros()).isCloseTo(10_000, withPercentage(1));
    }

    private static Integer[] range(int targets) {
        Integer[] all = new Integer[targets];
        for (int i = 0; i < targets; i++) {
            all[i] = i;
        }
        return all;
    }
}
