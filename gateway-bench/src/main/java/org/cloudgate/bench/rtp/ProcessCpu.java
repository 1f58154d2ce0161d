package org.cloudgate.bench.rtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process from {@code /proc/<pid>/stat}: utime + stime (proc(5), fields 14-15). */
final class ProcessCpu {

    /** USER_HZ, the unit of utime/stime; 100 on Linux x86-64 (getconf CLK_TCK). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    static double seconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name in field 2 is in parentheses and may hold spaces: skip past it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }
}
