package io.github.discountcard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The whole machine's busy CPU time, from {@code /proc/stat} (Linux; elsewhere it reports nothing), so that a
 * measurement disturbed by other processes (a build next door, a noisy VM neighbour: steal time) is seen and
 * can be repeated, and so the benchmark can wait for a quiet machine before it measures.
 */
final class MachineLoad {

    /** {@code USER_HZ}: /proc/stat counts in 1/100 s on every Linux of the last decades. */
    private static final long NANOS_PER_TICK = TimeUnit.SECONDS.toNanos(1) / 100;

    private static final Path STAT = Path.of("/proc/stat");

    private MachineLoad() {
    }

    static boolean available() {
        return busyNanos() >= 0;
    }

    /** Busy CPU time of all CPUs since boot (user, nice, system, irq, softirq, steal), or -1 if unknown. */
    static long busyNanos() {
        try {
            String line = Files.readAllLines(STAT).get(0);
            String[] fields = line.trim().split("\\s+");
            if (!fields[0].equals("cpu") || fields.length < 9) {
                return -1;
            }
            long busy = Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                    + Long.parseLong(fields[6]) + Long.parseLong(fields[7]) + Long.parseLong(fields[8]);
            return busy * NANOS_PER_TICK;
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    /**
     * Waits until the machine is quiet: over 2 s windows, at most {@code maxShare} of all CPUs busy. Gives up after
     * {@code maxWaitSeconds}.
     * @return a note for the log, empty when it was quiet at once
     */
    static String awaitQuiet(double maxShare, long maxWaitSeconds) throws InterruptedException {
        if (!available()) {
            return "";
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxWaitSeconds);
        long waitedFrom = System.nanoTime();
        boolean waited = false;
        while (true) {
            long busy = busyNanos();
            long start = System.nanoTime();
            Thread.sleep(2000);
            double share = (busyNanos() - busy) / (double) ((System.nanoTime() - start) * cpus);
            if (share <= maxShare) {
                return waited ? String.format(Locale.ROOT, " (waited %d s for other processes to calm down)",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - waitedFrom)) : "";
            }
            if (System.nanoTime() > deadline) {
                return String.format(Locale.ROOT, " (machine still %.0f%% busy with other work after %d s)",
                        share * 100, maxWaitSeconds);
            }
            waited = true;
        }
    }
}
