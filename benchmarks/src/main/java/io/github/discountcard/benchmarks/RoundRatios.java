package io.github.discountcard.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The ratios of one compared pair, round by round (A's requests/s over B's, both measured in the same round), and
 * how far the noise between rounds lets them be trusted: their geometric mean with a 95% confidence interval,
 * from Student's t over the ratios' logarithms (a paired comparison: each round is one sample). On a machine whose
 * speed moves between rounds, the interval says whether a ratio near a target is told apart from it at all.
 */
final class RoundRatios {

    /** Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom. */
    private static final double[] T_975 = { 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042 };

    /** The normal quantile, for more than 30 degrees of freedom. */
    private static final double Z_975 = 1.960;

    private final double[] ratios;

    RoundRatios(double[] ratios) {
        this.ratios = ratios.clone();
    }

    int rounds() {
        return this.ratios.length;
    }

    double geometricMean() {
        return Math.exp(meanOfLogs());
    }

    /** The 95% interval's lower and upper ends, or {@code NaN} for fewer than two rounds. */
    double[] interval() {
        double[] ofLogs = meanWithInterval(Arrays.stream(this.ratios).map(Math::log).toArray());
        return new double[] { Math.exp(ofLogs[1]), Math.exp(ofLogs[2]) };
    }

    /**
     * The mean of paired samples (one per round) and the 95% interval's lower and upper ends, from Student's t; the
     * ends are {@code NaN} for fewer than two samples.
     */
    static double[] meanWithInterval(double[] samples) {
        int n = samples.length;
        double mean = Arrays.stream(samples).average().orElse(Double.NaN);
        if (n < 2) {
            return new double[] { mean, Double.NaN, Double.NaN };
        }
        double squares = Arrays.stream(samples).map((x) -> Math.pow(x - mean, 2)).sum();
        double halfWidth = quantile(n - 1) * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        return new double[] { mean, mean - halfWidth, mean + halfWidth };
    }

    /** Where the interval lies against {@code target}: above it, below it, or across it. */
    String against(double target) {
        double[] interval = interval();
        if (Double.isNaN(interval[0])) {
            return "";
        }
        if (interval[0] >= target) {
            return "the 95% interval lies above the target";
        }
        if (interval[1] < target) {
            return "the 95% interval lies below the target";
        }
        return "the 95% interval includes the target: not told apart from it";
    }

    /** For example {@code "0.97x over 8 rounds, 95% interval 0.90x-1.04x"}. */
    String describe() {
        double[] interval = interval();
        String spread = Double.isNaN(interval[0]) ? ""
                : String.format(Locale.ROOT, ", 95%% interval %.2fx-%.2fx", interval[0], interval[1]);
        return String.format(Locale.ROOT, "%.2fx over %d rounds%s", geometricMean(), this.ratios.length, spread);
    }

    private double meanOfLogs() {
        return Arrays.stream(this.ratios).map(Math::log).average().orElse(Double.NaN);
    }

    private static double quantile(int degreesOfFreedom) {
        return (degreesOfFreedom <= T_975.length) ? T_975[degreesOfFreedom - 1] : Z_975;
    }
}
