// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading a process's CPU ticks from the text of /proc/PID/stat. */
class ProcessCpuTest {

    @Test
    void userAndSystemTicksAreFields14And15CountedFromTheEndOfTheName() {
        // A command name may hold spaces and parentheses; utime 1234 and stime 567 follow it
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 9167 0 0 0 1234 567 3 4 20 0 37 0 123456"
                + " 3923836928 45000 18446744073709551615 1 1 0 0 0 0 0 16781312 16386 0 0 0 17 1 0 0 0 0 0\n";

        assertThat(ProcessCpu.ticks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void notAStatLineIsRefused() {
        assertThatThrownBy(() -> ProcessCpu.ticks("4242 java S 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessCpu.ticks("4242 (java) S 1 2 3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisProcessHasUsedSomeCpuAndAnAbsentOneNone() {
        assertThat(ProcessCpu.nanos(ProcessHandle.current().pid())).isPositive();
        assertThat(ProcessCpu.nanos(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
