// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the Halyard authors

package dev.halyard.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time a process has used, user and system, all its threads together (those that have
 * ended too), from Linux's {@code /proc/PID/stat}. The kernel counts it in clock ticks, so over a
 * window of t seconds the figure is good to 1/(t × ticks a second) of a core.
 */
final class ProcessCpu {

    /** What Linux exports as USER_HZ on nearly every architecture, should {@code getconf} not answer. */
    private static final long USUAL_TICKS_PER_SECOND = 100;

    /** Asked once, when the class loads: at the first reading, before a measured window starts. */
    private static final long TICKS_PER_SECOND = askGetconf();

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU the process has used so far, or -1 where there is no /proc (not Linux) or it has gone. */
    static long nanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return ticks(stat) * TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The user plus system ticks in the text of {@code /proc/PID/stat}: fields 14 and 15 (proc(5)).
     * The second field is the command name in parentheses, which may itself hold spaces and
     * parentheses, so the fields are counted from the last closing parenthesis.
     */
    static long ticks(String stat) {
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            throw new IllegalArgumentException("Not the content of /proc/PID/stat: " + stat);
        }
        // After the name: state is field 3, so utime (14) and stime (15) are the 12th and 13th
        String[] fields = stat.substring(nameEnd + 1).trim().split("\\s+");
        if (fields.length < 13) {
            throw new IllegalArgumentException("Too few fields in /proc/PID/stat: " + stat);
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Clock ticks a second as {@code getconf CLK_TCK} says; the usual 100 if it cannot say. */
    private static long askGetconf() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (InputStream output = getconf.getInputStream()) {
                String answer = new String(output.readAllBytes(), StandardCharsets.US_ASCII).trim();
                long ticks = getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0 ? Long.parseLong(answer) : 0;
                return ticks > 0 ? ticks : USUAL_TICKS_PER_SECOND;
            }
        } catch (IOException | NumberFormatException e) {
            return USUAL_TICKS_PER_SECOND;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return USUAL_TICKS_PER_SECOND;
        }
    }
}
