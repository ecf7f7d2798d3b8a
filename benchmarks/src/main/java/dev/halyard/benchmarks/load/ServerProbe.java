package dev.halyard.benchmarks.load;

/** Reads the memory of the server process under test. */
interface ServerProbe {

    /** Bytes of heap in use after a full collection. */
    long heapAfterGc();

    /** Resident set size of the whole process, bytes. */
    long residentBytes();
}
