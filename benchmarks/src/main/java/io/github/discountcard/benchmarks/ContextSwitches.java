package io.github.discountcard.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How often a process's threads were switched off their CPU, read per thread from {@code /proc/<pid>/task/<tid>/status}
 * (Linux; elsewhere it reports nothing): <em>voluntary</em> when a thread blocked (it slept until woken, so each one
 * is also a wake-up), <em>involuntary</em> when the scheduler took the CPU from a thread that could have gone on
 * (another thread was woken and preempted it, or its time was up).
 * <p>
 * On one machine the loopback server's threads and the client's share the CPUs, so this says how the two interleave:
 * a server that wakes once per request, and preempts the client each time, costs both of them more per request.
 */
final class ContextSwitches {

    /** Not readable here. */
    static final long[] UNKNOWN = { -1, -1 };

    private static final long[] NONE = { 0, 0 };

    private ContextSwitches() {
    }

    /** {@code {voluntary, involuntary}} of each live thread of process {@code pid}, by task id; empty if unknown. */
    static Map<Long, long[]> byThread(long pid) {
        File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        Map<Long, long[]> threads = new HashMap<>();
        for (File task : (tasks != null) ? tasks : new File[0]) {
            long[] one = read(new File(task, "status"));
            if (one != UNKNOWN) { // else the thread ended while it was read
                threads.put(Long.parseLong(task.getName()), one);
            }
        }
        return threads;
    }

    /**
     * {@code {voluntary, involuntary}} since {@code before}, summed over the threads alive in {@code after} (those
     * started since count from zero) except those in {@code skipTids}, which count themselves; {@link #UNKNOWN} if
     * nothing could be read.
     */
    static long[] since(Map<Long, long[]> before, Map<Long, long[]> after, Set<Long> skipTids) {
        if (after.isEmpty()) {
            return UNKNOWN;
        }
        long[] sum = new long[2];
        after.forEach((tid, now) -> {
            if (!skipTids.contains(tid)) {
                long[] then = before.getOrDefault(tid, NONE);
                sum[0] += now[0] - then[0];
                sum[1] += now[1] - then[1];
            }
        });
        return sum;
    }

    /** {@code {voluntary, involuntary}} of the calling thread so far, or {@link #UNKNOWN}. */
    static long[] ofCurrentThread() {
        return read(new File("/proc/thread-self/status"));
    }

    /** The calling thread's Linux task id, or -1. */
    static long currentTid() {
        try {
            String stat = Files.readString(new File("/proc/thread-self/stat").toPath());
            return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    private static long[] read(File status) {
        long voluntary = -1;
        long involuntary = -1;
        try {
            for (String line : Files.readAllLines(status.toPath())) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
                else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            return UNKNOWN;
        }
        return (voluntary < 0 || involuntary < 0) ? UNKNOWN : new long[] { voluntary, involuntary };
    }
}
