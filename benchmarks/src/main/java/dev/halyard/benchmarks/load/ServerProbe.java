// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

/** Reads the memory and CPU time of the server process under test. */
interface ServerProbe {

    /** Bytes of heap in use after a full collection. */
    long heapAfterGc();

    /** Resident set size of the whole process, bytes, with what the C heap holds free given back first where the JVM can. */
    long residentBytes();

    /** CPU time the whole process has used so far, user and system, in nanoseconds; -1 where it cannot be read. */
    long cpuNanos();

    /**
     * The server's CPU time per unit of work over a window, in µs, from {@link #cpuNanos} read at
     * its start and its end; NaN when either read failed or nothing was counted.
     */
    static double cpuMicrosPer(long cpuBefore, long cpuAfter, long count) {
        return cpuBefore < 0 || cpuAfter < 0 || count == 0 ? Double.NaN : (cpuAfter - cpuBefore) / 1e3 / count;
    }
}
