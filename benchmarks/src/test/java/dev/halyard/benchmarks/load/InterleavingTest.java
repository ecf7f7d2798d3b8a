// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The order of interleaved slices, the pooling of a target's latency slices, and a failing load; no servers. */
class InterleavingTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void overAWholeSquareEveryTargetHoldsEveryPlaceAndFollowsEveryOtherEquallyOften(int targets) {
        int period = targets % 2 == 0 ? targets : 2 * targets;
        List<int[]> order = Interleaving.order(targets, period);
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
            List<int[]> order = Interleaving.order(targets, 12);
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
        LatencyLoad.Pool pool = new LatencyLoad.Pool();
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
        LatencyLoad.Result result = pool.result(Check.none());
        assertThat(result.samples()).isEqualTo(200);
        assertThat(result.sliceP99s()).hasSize(2);
        assertThat(result.sliceP99s().get(0)).isCloseTo(100, withPercentage(1));
        assertThat(result.sliceP99s().get(1)).isCloseTo(10_000, withPercentage(1));
        // 150 of the 200 pooled round trips took 100 µs, 50 took 10 ms
        assertThat(result.p50Micros()).isCloseTo(100, withPercentage(1));
        assertThat(result.p99Micros()).isCloseTo(10_000, withPercentage(1));
    }

    @Test
    void warmsEveryLoadUpFirstThenSlicesInTheSquaresOrderAndDropsALoadThatFails() {
        List<String> events = new ArrayList<>();
        Map<Target, Recording> loads = new LinkedHashMap<>();
        List<Target> targets = List.of(Target.values());
        for (Target target : targets) {
            // the third target's load fails in its second slice, the first recorded one
            loads.put(target, new Recording(target.id(), events, target == targets.get(2) ? 2 : -1));
        }
        Map<Target, RuntimeException> failed = new LinkedHashMap<>();
        Map<Target, Recording> left = Interleaving.run(loads, 1, 4, failed::put);

        assertThat(failed).containsOnlyKeys(targets.get(2));
        assertThat(failed.get(targets.get(2))).hasMessage(targets.get(2).id() + " failed");
        assertThat(left).containsOnlyKeys(targets.get(0), targets.get(1), targets.get(3));
        assertThat(loads.get(targets.get(2)).closed).as("the failed load closed").isTrue();
        assertThat(left.values()).as("loads still open").allMatch(load -> !load.closed);
        assertThat(events.subList(0, 4)).containsExactly(targets.stream().map(t -> t.id() + " warm").toArray(String[]::new));
        List<String> expected = new ArrayList<>();
        List<int[]> order = Interleaving.order(4, 5);
        for (int cycle = 0; cycle < order.size(); cycle++) {
            for (int index : order.get(cycle)) {
                Target target = targets.get(index);
                long before = expected.stream().filter(e -> e.startsWith(target.id() + " slice")).count();
                if (target != targets.get(2) || before < 2) {
                    expected.add(target.id() + " slice " + (cycle == 0 ? "unrecorded" : "recorded"));
                }
            }
        }
        assertThat(events.subList(4, events.size())).containsExactlyElementsOf(expected);
    }

    /** A load that writes down what it was asked to do, and fails in the given slice (counting from 1). */
    private static final class Recording implements Interleaving.Load {
        private final String name;
        private final List<String> events;
        private final int failIn;
        private int slices;
        boolean closed;

        Recording(String name, List<String> events, int failIn) {
            this.name = name;
            this.events = events;
            this.failIn = failIn;
        }

        @Override
        public void warmUp() {
            events.add(name + " warm");
        }

        @Override
        public void slice(boolean recorded) {
            events.add(name + " slice " + (recorded ? "recorded" : "unrecorded"));
            if (++slices == failIn) {
                throw new IllegalStateException(name + " failed");
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static Integer[] range(int targets) {
        Integer[] all = new Integer[targets];
        for (int i = 0; i < targets; i++) {
            all[i] = i;
        }
        return all;
    }
}
