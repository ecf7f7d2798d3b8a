// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What the recorded slices counted, summed: units of work (messages echoed, deliveries), time,
 * the server's CPU time, which stays unknown (-1) once any read of it failed, and the CPU time of
 * the load generator's own thread (the calling thread), which shows when the generator rather than
 * the server set the pace.
 */
final class SliceTotals {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long units;
    private long nanos;
    private long cpuNanos;
    private long clientCpuNanos;
    private long startUnits;
    private long startNanos;
    private long startCpu;
    private long startClientCpu;

    void begin(long unitsSoFar, long cpuSoFar) {
        startUnits = unitsSoFar;
        startCpu = cpuSoFar;
        startClientCpu = THREADS.getCurrentThreadCpuTime();
        startNanos = System.nanoTime();
    }

    void end(long unitsSoFar, long cpuSoFar, boolean recorded) {
        long now = System.nanoTime();
        long clientCpu = THREADS.getCurrentThreadCpuTime();
        if (!recorded) {
            return;
        }
        units += unitsSoFar - startUnits;
        nanos += now - startNanos;
        cpuNanos = cpuNanos < 0 || startCpu < 0 || cpuSoFar < 0 ? -1 : cpuNanos + cpuSoFar - startCpu;
        clientCpuNanos += clientCpu - startClientCpu;
    }

    double perSecond() {
        return nanos == 0 ? 0 : units / (nanos / 1e9);
    }

    double cpuMicrosPerUnit() {
        return ServerProbe.cpuMicrosPer(0, cpuNanos, units);
    }

    /** The generator thread's CPU time per unit, in µs, and its share of the counted time (1 = a whole core). */
    String client() {
        return units == 0 || nanos == 0 ? "client CPU unknown" : String.format(java.util.Locale.ROOT,
                "client CPU %.2f µs each, %.0f%% of a core", clientCpuNanos / 1e3 / units, 100.0 * clientCpuNanos / nanos);
    }
}
