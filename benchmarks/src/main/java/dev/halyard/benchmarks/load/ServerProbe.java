// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

/** Reads the memory of the server process under test. */
interface ServerProbe {

    /** Bytes of heap in use after a full collection. */
    long heapAfterGc();

    /** Resident set size of the whole process, bytes. */
    long residentBytes();
}
