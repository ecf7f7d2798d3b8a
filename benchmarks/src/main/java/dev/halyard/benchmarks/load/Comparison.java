// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every figure measured on every target, with what the traffic proved on each. */
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
    private final Map<Figure, Map<Target, Double>> values = new LinkedHashMap<>();
    private final Map<Target, Check> checks = new EnumMap<>(Target.class);
    private final Map<Target, String> errors = new EnumMap<>(Target.class);

    Comparison(List<Target> targets) {
        this.targets = List.copyOf(targets);
        targets.forEach(target -> checks.put(target, Check.none()));
    }

    void put(Figure figure, Target target, double value, Check check) {
        values.computeIfAbsent(figure, f -> new EnumMap<>(Target.class)).put(target, value);
        checks.merge(target, check, Check::plus);
    }

    /** The target stopped with this error; its remaining figures are missing. */
    void fail(Target target, String error) {
        errors.put(target, error);
    }

    public List<Target> targets() {
        return targets;
    }

    public List<Figure> figures() {
        return new ArrayList<>(values.keySet());
    }

    /** The value, or null when the target has none. */
    public Double value(Figure figure, Target target) {
        return values.getOrDefault(figure, Map.of()).get(target);
    }

    /** A Halyard target's value divided by its container's native one, or null when either is missing. */
    public Double ratio(Figure figure, Target halyard) {
        Double own = value(figure, halyard);
        Double baseline = value(figure, halyard.baseline());
        return own == null || baseline == null || baseline == 0 ? null : own / baseline;
    }

    public Check check(Target target) {
        return checks.get(target);
    }

    public String error(Target target) {
        return errors.get(target);
    }
}
