package io.github.discountcard.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks: {@code java -jar wechatpay-discountcard-benchmarks.jar [jmh] [load]} (both by default);
 * {@code cold} runs only the load benchmark's cold starts, {@code separate} only its pairs each in a JVM of their
 * own, {@code layer} only {@link LayerBenchmarks} (our layer against the floor in memory; not run by default:
 * {@code bench.layer.rounds} (300) of {@code bench.layer.roundMillis} (100) each, after
 * {@code bench.layer.warmupSeconds} (40)).
 * <p>
 * JMH settings (system properties): {@code bench.jmh.forks} (1), {@code bench.jmh.warmup} iterations (3),
 * {@code bench.jmh.iterations} (5), {@code bench.jmh.seconds} per iteration (1). The load benchmark's settings
 * are listed in {@link LoadBenchmark}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> parts = (args.length == 0) ? List.of("jmh", "load") : Arrays.asList(args);
        for (String part : parts) {
            switch (part) {
                case "jmh" -> jmh();
                case "layer" -> layer();
                case "load" -> LoadBenchmark.main(new String[0]);
                case "cold", "separate" -> LoadBenchmark.main(new String[] { part });
                default -> throw new IllegalArgumentException("Unknown part '" + part + "': use jmh, layer, load, "
                        + "cold and/or separate");
            }
        }
        System.exit(0); // nothing may keep the JVM alive (pools, the server's watchdog): the run ends here
    }

    /** Ours against the floor in memory, in turn in one thread ({@link LayerBenchmarks}). */
    private static void layer() throws Exception {
        System.out.println("== Our layer against the floor, in memory, one thread, no crypto: CPU per call =="
                + MachineLoad.awaitQuiet(0.10, Long.getLong("bench.quietWait", 90)));
        new LayerBenchmarks().run(Integer.getInteger("bench.layer.rounds", 300),
                Long.getLong("bench.layer.roundMillis", 100), Long.getLong("bench.layer.warmupSeconds", 40));
        System.out.println();
    }

    private static void jmh() throws Exception {
        int seconds = Integer.getInteger("bench.jmh.seconds", 1);
        Options options = new OptionsBuilder()
            .include(CryptoBenchmarks.class.getName())
            .forks(Integer.getInteger("bench.jmh.forks", 1))
            .warmupIterations(Integer.getInteger("bench.jmh.warmup", 3))
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(Integer.getInteger("bench.jmh.iterations", 5))
            .measurementTime(TimeValue.seconds(seconds))
            .threads(1)
            .addProfiler(GCProfiler.class)
            .build();
        System.out.println("== JMH: signer and verifier, one thread, JDK vs ACCP =="
                + MachineLoad.awaitQuiet(0.10, Long.getLong("bench.quietWait", 90)));
        var results = new Runner(options).run();
        System.out.println();
        System.out.println("== JMH summary ==");
        System.out.printf(Locale.ROOT, "%-16s %-6s %14s %12s %14s%n", "benchmark", "prov.", "ops/s", "us/op",
                "alloc B/op");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String provider = result.getParams().getParam("provider");
            double opsPerSecond = result.getPrimaryResult().getScore();
            var alloc = result.getSecondaryResults().get("·gc.alloc.rate.norm");
            if (alloc == null) {
                alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            }
            System.out.printf(Locale.ROOT, "%-16s %-6s %,14.0f %12.1f %14s%n", name.substring(name.lastIndexOf('.') + 1),
                    provider, opsPerSecond, TimeUnit.SECONDS.toMicros(1) / opsPerSecond,
                    (alloc != null) ? String.format(Locale.ROOT, "%,.0f", alloc.getScore()) : "n/a");
        }
        System.out.println();
    }
}
