package io.github.discountcard.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time this JVM's own helper threads spent, the JIT compilers and the garbage collector, read per thread
 * from {@code /proc/self/task} (Linux; elsewhere it reports nothing). A phase's client CPU per request is these
 * plus the request threads'; telling them apart says whether a client did more work per request or the JVM did
 * more around it.
 */
final class HelperThreads {

    /** {@code USER_HZ}, as in {@link MachineLoad}. */
    private static final long NANOS_PER_TICK = TimeUnit.SECONDS.toNanos(1) / 100;

    private static final File TASKS = new File("/proc/self/task");

    private HelperThreads() {
    }

    /** CPU nanoseconds of the live JIT and GC threads so far: {@code {jit, gc}}, or {@code {-1, -1}} if unknown. */
    static long[] cpuNanos() {
        File[] tasks = TASKS.listFiles();
        if (tasks == null) {
            return new long[] { -1, -1 };
        }
        long jit = 0;
        long gc = 0;
        for (File task : tasks) {
            try {
                String stat = Files.readString(new File(task, "stat").toPath(), StandardCharsets.US_ASCII);
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    jit += ticks;
                }
                else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    gc += ticks;
                }
            }
            catch (IOException | RuntimeException ex) {
                // the thread ended while it was read: its time is lost to both sums, as an ended thread's is
            }
        }
        return new long[] { jit * NANOS_PER_TICK, gc * NANOS_PER_TICK };
    }
}
