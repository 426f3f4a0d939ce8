package io.github.discountcard.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One or more {@code wechatpay.*} properties that cannot work, each with the property, what is wrong and how to
 * fix it. Reported at startup by {@link WechatPayConfigurationFailureAnalyzer}. Never contains a secret.
 */
public class WechatPayConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    /** The problem is often another exception's message; when that has none, the property "is invalid". */
    public WechatPayConfigurationException(String property, @Nullable String problem, String action) {
        this(property, problem, action, null);
    }

    public WechatPayConfigurationException(String property, @Nullable String problem, String action,
            @Nullable Throwable cause) {
        this(List.of(new Problem(property, (problem != null) ? problem : "is invalid", action)), cause);
    }

    /** All problems found at once, so that one restart is enough to see everything to fix. */
    public WechatPayConfigurationException(List<Problem> problems) {
        this(problems, null);
    }

    private WechatPayConfigurationException(List<Problem> problems, @Nullable Throwable cause) {
        super(describe(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** The (first) property to fix, e.g. {@code wechatpay.private-key}. */
    public String property() {
        return this.problems.get(0).property();
    }

    /** What to do about it: one line per property when there are several problems. */
    public String action() {
        if (this.problems.size() == 1) {
            return this.problems.get(0).action();
        }
        return this.problems.stream().map((p) -> "- " + p.property() + ": " + p.action())
            .collect(Collectors.joining("\n"));
    }

    /** Every problem found, in property order. */
    public List<Problem> problems() {
        return this.problems;
    }

    private static String describe(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem to report");
        }
        if (problems.size() == 1) {
            return problems.get(0).describe();
        }
        return problems.size() + " wechatpay.* properties cannot work:\n" + problems.stream()
            .map((p) -> "- " + p.describe())
            .collect(Collectors.joining("\n"));
    }

    /**
     * One property that cannot work.
     * @param property the property, e.g. {@code wechatpay.mch-id}
     * @param problem what is wrong with it (never the value of a secret)
     * @param action how to fix it
     */
    public record Problem(String property, String problem, String action) {

        String describe() {
            return "Property '" + this.property + "': " + this.problem;
        }
    }
}
