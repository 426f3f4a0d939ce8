package io.github.discountcard.client;

import java.util.List;

/** Input refused before anything was sent; {@link #problems()} names each offending field. */
public class WechatPayInvalidRequestException extends WechatPayException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public WechatPayInvalidRequestException(List<String> problems) {
        super("Invalid discount card request: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, naming its field, e.g. {@code "objectives[0].count must not be negative"}. */
    public List<String> problems() {
        return this.problems;
    }
}
