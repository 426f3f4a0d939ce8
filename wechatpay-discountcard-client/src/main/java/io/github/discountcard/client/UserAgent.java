package io.github.discountcard.client;

/** The {@code User-Agent} sent with every request (WeChat Pay rejects requests without one). */
final class UserAgent {

    /** The value, e.g. {@code wechatpay-discountcard/0.1.0 (Java/17.0.15; Linux)}. */
    static final String VALUE = "wechatpay-discountcard/" + version() + " (Java/" + System.getProperty("java.version")
            + "; " + System.getProperty("os.name") + ")";

    private UserAgent() {
    }

    private static String version() {
        String version = UserAgent.class.getPackage().getImplementationVersion();
        return (version != null) ? version : "dev";
    }
}
