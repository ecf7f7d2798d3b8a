// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure measured on every target, over one or more rounds, with what the traffic proved
 * on each. A target's value for a figure is the median of its rounds; its checks are the sum of
 * every round's, so that a failure in any round shows.
 */
public final class Comparison {

    /**
     * One measured quantity, such as echo throughput of 1 KiB text messages.
     *
     * @param chartLabel the short label of its bar in the report's ratio charts, or null when it is not charted
     */
    public record Figure(String name, String unit, boolean higherIsBetter, String chartLabel) {

        public boolean charted() {
            return chartLabel != null;
        }
    }

    private final List<Target> targets;
    private final int rounds;
    private final Map<Figure, Map<Target, List<Double>>> values = new LinkedHashMap<>();
    private final Map<Target, Check> checks = new EnumMap<>(Target.class);
    private final Map<Target, List<String>> errors = new EnumMap<>(Target.class);

    Comparison(List<Target> targets) {
        this(targets, 1);
    }

    /** @param rounds how many times each target is measured */
    Comparison(List<Target> targets, int rounds) {
        this.targets = List.copyOf(targets);
        this.rounds = rounds;
        targets.forEach(target -> checks.put(target, Check.none()));
    }

    /** Adds one round's value of {@code figure} on {@code target}, and what that round's traffic proved. */
    void put(Figure figure, Target target, double value, Check check) {
        values.computeIfAbsent(figure, f -> new EnumMap<>(Target.class)).computeIfAbsent(target, t -> new ArrayList<>()).add(value);
        checks.merge(target, check, Check::plus);
    }

    /** The target stopped with this error; its remaining figures of that round are missing. */
    void fail(Target target, String error) {
        errors.computeIfAbsent(target, t -> new ArrayList<>()).add(error);
    }

    public List<Target> targets() {
        return targets;
    }

    public int rounds() {
        return rounds;
    }

    public List<Figure> figures() {
        return new ArrayList<>(values.keySet());
    }

    /** The median of the target's rounds, or null when it has none. */
    public Double value(Figure figure, Target target) {
        List<Double> measured = roundValues(figure, target);
        return measured.isEmpty() ? null : median(measured.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Each round's value, in the order measured; empty when the target has none. */
    public List<Double> roundValues(Figure figure, Target target) {
        return List.copyOf(values.getOrDefault(figure, Map.of()).getOrDefault(target, List.of()));
    }

    /** A Halyard target's value divided by its container's native one, or null when either is missing. */
    public Double ratio(Figure figure, Target halyard) {
        return divided(value(figure, halyard), value(figure, halyard.baseline()));
    }

    /**
     * A Halyard target's value divided by the better of the two natives' (the higher where higher
     * is better, else the lower), or null unless both natives and the target have one.
     */
    public Double ratioToBestNative(Figure figure, Target halyard) {
        Double best = null;
        for (Target target : Target.values()) {
            if (target.halyard()) {
                continue;
            }
            Double value = value(figure, target);
            if (value == null) {
                return null;
            }
            best = best == null ? value : figure.higherIsBetter() ? Math.max(best, value) : Math.min(best, value);
        }
        return divided(value(figure, halyard), best);
    }

    /** Whether both natives ran, so that a Halyard figure has a best native to be divided by. */
    boolean hasBothNatives() {
        return targets.contains(Target.TOMCAT_NATIVE) && targets.contains(Target.JETTY_NATIVE);
    }

    /**
     * Null when either is missing, or when {@code by} is 0 or less: a resident-set difference per
     * connection can be, within its noise, and a ratio to it would say nothing (or the opposite).
     */
    private static Double divided(Double value, Double by) {
        return value == null || by == null || by <= 0 ? null : value / by;
    }

    public Check check(Target target) {
        return checks.get(target);
    }

    /** The errors the target stopped with, one a round it stopped in, or null when it never did. */
    public String error(Target target) {
        List<String> stopped = errors.get(target);
        return stopped == null ? null : String.join("; ", stopped);
    }

    /** The median of {@code values}, which must not be empty: the middle one, or the mean of the middle two. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
