package io.github.discountcard.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.discountcard.autoconfigure.WechatPayConfigurationException.Problem;
import io.github.discountcard.client.BaseUrls;
import io.github.discountcard.client.RetryPolicy;
import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.KeyMaterialException;
import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.VerificationKey;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The {@code wechatpay.*} properties, checked in one place and parsed once: keys read and parsed, durations and
 * sizes validated. Every problem is collected and all are reported in one {@link WechatPayConfigurationException},
 * so one restart shows everything to fix. Only the {@link Parts} the auto-configuration actually builds are
 * checked (an application that brings its own signer needs no private key property). Values of secrets, and
 * values that look like key material in any property, are never put into a message.
 */
final class WechatPaySettings {

    static final String PREFIX = "wechatpay.";

    private final @Nullable Provider provider;

    private @Nullable String mchId;

    private @Nullable String merchantSerialNumber;

    private @Nullable PrivateKey privateKey;

    private final List<VerificationKey> verificationKeys = new ArrayList<>();

    private List<VerificationKey> platformCertificates = List.of();

    private @Nullable AeadAesGcm apiV3Key;

    private @Nullable String baseUrl;

    private @Nullable RetryPolicy retryPolicy;

    private int maxResponseBytes;

    private @Nullable SslBundle sslBundle;

    private DiscountCardConnector.@Nullable Proxy proxy;

    private WechatPaySettings(@Nullable Provider provider) {
        this.provider = provider;
    }

    /**
     * What the auto-configuration builds, and so which properties it needs.
     * @param signer the merchant's request signer (mch-id, merchant-serial-number, private-key)
     * @param verificationKeys the keys that verify responses (public key, platform certificates, APIv3 key)
     * @param verifier the response verifier (timestamp-window)
     * @param connector the client's connector (timeouts)
     * @param client the client itself (base-url, call timeout, retries, response size)
     * @param certificateDownload the platform certificate download (APIv3 key, base-url, refresh intervals)
     */
    record Parts(boolean signer, boolean verificationKeys, boolean verifier, boolean connector, boolean client,
            boolean certificateDownload) {

        static final Parts ALL = new Parts(true, true, true, true, true, true);
    }

    static WechatPaySettings check(WechatPayProperties properties, ResourceLoader resourceLoader, Parts parts) {
        return check(properties, resourceLoader, null, parts);
    }

    /**
     * @param sslBundles the application's SSL bundles, or {@code null} when it has none (then
     * {@code wechatpay.ssl.bundle} cannot be resolved)
     */
    static WechatPaySettings check(WechatPayProperties properties, ResourceLoader resourceLoader,
            @Nullable SslBundles sslBundles, Parts parts) {
        return new Checker(properties, resourceLoader, sslBundles, parts).check();
    }

    @Nullable Provider provider() {
        return this.provider;
    }

    String mchId() {
        return Objects.requireNonNull(this.mchId, "mchId");
    }

    String merchantSerialNumber() {
        return Objects.requireNonNull(this.merchantSerialNumber, "merchantSerialNumber");
    }

    PrivateKey privateKey() {
        return Objects.requireNonNull(this.privateKey, "privateKey");
    }

    /** The configured public key and platform certificates. */
    List<VerificationKey> verificationKeys() {
        return List.copyOf(this.verificationKeys);
    }

    /** The configured platform certificates (kept beside downloaded ones). */
    List<VerificationKey> platformCertificates() {
        return this.platformCertificates;
    }

    AeadAesGcm apiV3Key() {
        return Objects.requireNonNull(this.apiV3Key, "apiV3Key");
    }

    String baseUrl() {
        return Objects.requireNonNull(this.baseUrl, "baseUrl");
    }

    RetryPolicy retryPolicy() {
        return Objects.requireNonNull(this.retryPolicy, "retryPolicy");
    }

    int maxResponseBytes() {
        return this.maxResponseBytes;
    }

    /** The bundle named by {@code wechatpay.ssl.bundle}, or {@code null} for the JVM's defaults. */
    @Nullable SslBundle sslBundle() {
        return this.sslBundle;
    }

    /** The proxy from {@code wechatpay.proxy.*}, or {@code null} for direct connections. */
    DiscountCardConnector.@Nullable Proxy proxy() {
        return this.proxy;
    }

    /** Runs every check the parts need, collecting problems instead of stopping at the first. */
    private static final class Checker {

        private final WechatPayProperties properties;

        private final ResourceLoader resourceLoader;

        private final @Nullable SslBundles sslBundles;

        private final Parts parts;

        private final List<Problem> problems = new ArrayList<>();

        private final @Nullable String[] secrets;

        Checker(WechatPayProperties properties, ResourceLoader resourceLoader, @Nullable SslBundles sslBundles,
                Parts parts) {
            this.properties = properties;
            this.resourceLoader = resourceLoader;
            this.sslBundles = sslBundles;
            this.parts = parts;
            this.secrets = new @Nullable String[] { properties.getApiV3Key(), properties.getPrivateKey(),
                    properties.getProxy().getPassword() };
        }

        WechatPaySettings check() {
            WechatPayProperties p = this.properties;
            misplacedKeys();
            Provider provider = null;
            if (!isProblem("crypto-provider")) {
                try {
                    provider = CryptoProviderChoice.resolve(p.getCryptoProvider()).provider();
                }
                catch (WechatPayConfigurationException ex) {
                    this.problems.addAll(ex.problems());
                }
            }
            WechatPaySettings result = new WechatPaySettings(provider);
            if (this.parts.signer()) {
                result.mchId = required("mch-id", p.getMchId(),
                        "Set it to the merchant id (mchid) issued by WeChat Pay.");
                result.merchantSerialNumber = required("merchant-serial-number", p.getMerchantSerialNumber(),
                        "Set it to the serial number of your merchant API certificate (upper-case hex).");
                String key = required("private-key", p.getPrivateKey(),
                        "Set it to the merchant API private key: inline PEM or a location such as 'file:apiclient_key.pem'.");
                if (key != null) {
                    result.privateKey = parse("private-key", key, PemKeys::privateKey,
                            "Use the RSA private key of your merchant API certificate (apiclient_key.pem), PKCS#8 or PKCS#1 PEM.");
                }
            }
            if (this.parts.verificationKeys() || this.parts.certificateDownload()) {
                result.platformCertificates = platformCertificates(provider);
            }
            if (this.parts.verificationKeys()) {
                result.verificationKeys.addAll(result.platformCertificates);
                VerificationKey publicKey = publicKey(provider);
                if (publicKey != null) {
                    result.verificationKeys.add(publicKey);
                }
                result.apiV3Key = apiV3Key();
                if (p.downloadsCertificates()) {
                    if (result.apiV3Key == null && !isProblem("api-v3-key")) {
                        problem("api-v3-key",
                                "is required to download platform certificates (wechatpay.certificates.download=true)",
                                "Set it to the 32-character APIv3 key, or turn the download off.");
                    }
                }
                else if (result.verificationKeys.isEmpty() && !isProblem("public-key") && !isProblem("public-key-id")
                        && this.problems.stream().noneMatch((x) -> x.property().startsWith(PREFIX + "platform-certificates"))) {
                    problem("public-key", "no key is configured to verify WeChat Pay responses",
                            "Set 'wechatpay.public-key' and 'wechatpay.public-key-id' (WeChat Pay public key, the mode for "
                                    + "merchants since late 2024), or 'wechatpay.platform-certificates', or "
                                    + "'wechatpay.api-v3-key' to download platform certificates.");
                }
            }
            if (this.parts.verifier() && p.getTimestampWindow().compareTo(Duration.ofSeconds(1)) < 0) {
                problem("timestamp-window", "must be positive and at least 1 second (WeChat Pay timestamps are whole "
                        + "seconds) but is " + p.getTimestampWindow(), "Leave it unset (5 minutes) or set e.g. '5m'.");
            }
            if (this.parts.connector()) {
                positive(p.getConnectTimeout(), "connect-timeout");
                positive(p.getResponseTimeout(), "response-timeout");
                result.sslBundle = sslBundle();
                result.proxy = proxy();
            }
            if (this.parts.client() || this.parts.certificateDownload()) {
                result.baseUrl = baseUrl();
                positive(p.getCallTimeout(), "call-timeout");
            }
            if (this.parts.client()) {
                result.retryPolicy = retryPolicy();
                long bytes = p.getMaxResponseSize().toBytes();
                if (bytes <= 0) {
                    problem("max-response-size", "must be positive but is " + p.getMaxResponseSize(),
                            "Leave it unset (1MB) or set e.g. '2MB'.");
                }
                result.maxResponseBytes = (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes));
            }
            if (this.parts.certificateDownload()) {
                if (!this.parts.verificationKeys()) {
                    result.apiV3Key = apiV3Key();
                }
                if (result.apiV3Key == null && !isProblem("api-v3-key")) {
                    problem("api-v3-key", "is required to download platform certificates",
                            "Set it to the 32-character APIv3 key.");
                }
                positive(p.getCertificates().getRefreshInterval(), "certificates.refresh-interval");
                positive(p.getCertificates().getUnknownSerialRefreshInterval(),
                        "certificates.unknown-serial-refresh-interval");
            }
            if (!this.problems.isEmpty()) {
                throw new WechatPayConfigurationException(this.problems);
            }
            return result;
        }

        /** Properties that are not secrets but hold one, or PEM text: named, never printed. */
        private void misplacedKeys() {
            WechatPayProperties p = this.properties;
            String[][] plain = { { "mch-id", p.getMchId() }, { "merchant-serial-number", p.getMerchantSerialNumber() },
                    { "public-key-id", p.getPublicKeyId() }, { "base-url", p.getBaseUrl() },
                    { "crypto-provider", p.getCryptoProvider() }, { "ssl.bundle", p.getSsl().getBundle() },
                    { "proxy.host", p.getProxy().getHost() }, { "proxy.username", p.getProxy().getUsername() },
                    { "proxy.non-proxy-hosts", p.getProxy().getNonProxyHosts() } };
            for (String[] property : plain) {
                if (KeyLikeValues.looksLikeKey(property[1], this.secrets)) {
                    problem(property[0], "holds what looks like a key or PEM text (value not shown)",
                            "Put each key in its own property (wechatpay.private-key, wechatpay.public-key, "
                                    + "wechatpay.api-v3-key) and give this property its own value.");
                }
            }
        }

        private @Nullable SslBundle sslBundle() {
            String name = this.properties.getSsl().getBundle();
            if (name == null || name.isBlank() || isProblem("ssl.bundle")) {
                return null;
            }
            String bundle = name.trim();
            String define = "Define it under 'spring.ssl.bundle.pem." + bundle + "' (or 'spring.ssl.bundle.jks." + bundle
                    + "'), or remove 'wechatpay.ssl.bundle' to use the JVM's trust store.";
            if (this.sslBundles == null) {
                problem("ssl.bundle", "names SSL bundle '" + bundle + "' but the application has no SSL bundles", define);
                return null;
            }
            try {
                return this.sslBundles.getBundle(bundle);
            }
            catch (NoSuchSslBundleException ex) {
                problem("ssl.bundle", "names SSL bundle '" + bundle + "', which is not defined", define);
            }
            catch (RuntimeException ex) {
                // the bundle's own stores could not be loaded; its message may quote PEM, so only the type is shown
                problem("ssl.bundle", "names SSL bundle '" + bundle + "', which could not be loaded ("
                        + ex.getClass().getSimpleName() + ")", "Check the 'spring.ssl.bundle.*." + bundle
                                + "' properties: the certificates and keys they name must exist and be readable.");
            }
            return null;
        }

        private DiscountCardConnector.@Nullable Proxy proxy() {
            WechatPayProperties.Proxy proxy = this.properties.getProxy();
            String host = proxy.getHost();
            String username = proxy.getUsername();
            if (host == null || host.isBlank()) {
                if (proxy.getPort() != null || !isBlank(username)) {
                    problem("proxy.host", "is required when other 'wechatpay.proxy.*' properties are set",
                            "Set it to the proxy's host name or address, or remove the 'wechatpay.proxy.*' properties.");
                }
                return null;
            }
            Integer port = proxy.getPort();
            if (port == null || port < 1 || port > 65535) {
                problem("proxy.port", (port == null) ? "is required with 'wechatpay.proxy.host'"
                        : "must be between 1 and 65535 but is " + port, "Set it to the proxy's port, e.g. 3128.");
            }
            String nonProxyHosts = proxy.getNonProxyHosts();
            if (nonProxyHosts != null && !nonProxyHosts.isBlank() && !isProblem("proxy.non-proxy-hosts")) {
                try {
                    Pattern.compile(nonProxyHosts);
                }
                catch (PatternSyntaxException ex) {
                    problem("proxy.non-proxy-hosts", "is not a valid regular expression: " + ex.getDescription(),
                            "Give a Java regular expression of host names, e.g. 'localhost|127\\..*'.");
                }
            }
            if (port == null || isProblem("proxy.host") || isProblem("proxy.port") || isProblem("proxy.username")
                    || isProblem("proxy.non-proxy-hosts")) {
                return null;
            }
            return new DiscountCardConnector.Proxy(host.trim(), port,
                    (username == null || username.isBlank()) ? null : username.trim(), proxy.getPassword(),
                    (nonProxyHosts == null || nonProxyHosts.isBlank()) ? null : nonProxyHosts);
        }

        private @Nullable String baseUrl() {
            if (isProblem("base-url")) {
                return null;
            }
            try {
                return BaseUrls.check(this.properties.getBaseUrl());
            }
            catch (IllegalArgumentException ex) {
                problem("base-url", String.valueOf(ex.getMessage()), "Leave it unset for " + BaseUrls.DEFAULT
                        + ", or use https://; http:// only to 127.0.0.1 or localhost.");
                return null;
            }
        }

        private @Nullable RetryPolicy retryPolicy() {
            WechatPayProperties.Retry retry = this.properties.getRetry();
            try {
                return new RetryPolicy(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff(),
                        retry.getJitter());
            }
            catch (IllegalArgumentException ex) {
                problem("retry", String.valueOf(ex.getMessage()),
                        "Use max-attempts >= 1, 0 <= initial-backoff <= max-backoff and a jitter between 0 and 1.");
                return null;
            }
        }

        private void positive(Duration value, String property) {
            if (value.isNegative() || value.isZero()) {
                problem(property, "must be positive but is " + value,
                        "Leave it unset for the default or give a positive duration such as '30s'.");
            }
        }

        private @Nullable VerificationKey publicKey(@Nullable Provider provider) {
            String key = this.properties.getPublicKey();
            String id = this.properties.getPublicKeyId();
            if (isBlank(key) && isBlank(id)) {
                return null;
            }
            String keyId = isProblem("public-key-id") ? null : required("public-key-id", id,
                    "Set it to the id of your WeChat Pay public key (PUB_KEY_ID_...), shown beside the key in the merchant platform.");
            String pem = required("public-key", key,
                    "Set it to the WeChat Pay public key (pub_key.pem): inline PEM or a resource location.");
            if (keyId != null && !keyId.startsWith(VerificationKey.PUBLIC_KEY_ID_PREFIX)) {
                problem("public-key-id", "'" + keyId + "' does not start with '" + VerificationKey.PUBLIC_KEY_ID_PREFIX
                        + "'", "Copy the public key id from the merchant platform; it looks like "
                                + "PUB_KEY_ID_0114232134912410000000000000.");
                keyId = null;
            }
            if (pem == null) {
                return null;
            }
            String checkedId = keyId;
            return parse("public-key", pem, (text) -> {
                java.security.PublicKey publicKey = PemKeys.publicKey(text);
                return (checkedId != null) ? VerificationKey.publicKey(checkedId, publicKey, provider) : null;
            }, "Use the WeChat Pay public key PEM ('-----BEGIN PUBLIC KEY-----') downloaded from the merchant platform.");
        }

        private List<VerificationKey> platformCertificates(@Nullable Provider provider) {
            List<VerificationKey> keys = new ArrayList<>();
            List<String> values = this.properties.getPlatformCertificates();
            for (int i = 0; i < values.size(); i++) {
                String property = "platform-certificates[" + i + "]";
                String value = required(property, values.get(i), "Remove the empty entry or set it to a certificate PEM.");
                if (value != null) {
                    List<VerificationKey> parsed = parse(property, value, (text) -> PemKeys.certificates(text).stream()
                        .map((c) -> VerificationKey.certificate(c, provider))
                        .toList(), "Use a WeChat Pay platform certificate PEM ('-----BEGIN CERTIFICATE-----').");
                    if (parsed != null) {
                        keys.addAll(parsed);
                    }
                }
            }
            return List.copyOf(keys);
        }

        private @Nullable AeadAesGcm apiV3Key() {
            String key = this.properties.getApiV3Key();
            if (key == null) {
                return null;
            }
            try {
                return new AeadAesGcm(key);
            }
            catch (KeyMaterialException ex) {
                problem("api-v3-key", String.valueOf(ex.getMessage()),
                        "Set it to the 32-character APIv3 key from the merchant platform (API security settings).");
                return null;
            }
        }

        private <T> @Nullable T parse(String property, String value, Function<String, @Nullable T> parser,
                String action) {
            String text = pemText(property, value);
            if (text == null) {
                return null;
            }
            try {
                return parser.apply(text);
            }
            catch (KeyMaterialException ex) {
                problem(property, String.valueOf(ex.getMessage()), action);
                return null;
            }
        }

        /** Inline PEM (with real newlines or {@code \n} escapes) as it is; anything else is a resource location. */
        private @Nullable String pemText(String property, String value) {
            String inline = PemEscapes.unescape(value);
            if (PemContent.isPresentInText(inline) || inline.contains("-----BEGIN ")) {
                return inline;
            }
            Resource resource = this.resourceLoader.getResource(value.trim());
            if (!resource.exists()) {
                problem(property, "is neither PEM text nor an existing resource: '" + describeLocation(value)
                        + "' was not found", "Give inline PEM text, or a location such as "
                                + "'classpath:keys/apiclient_key.pem' or 'file:/path/to/key.pem'.");
                return null;
            }
            try (InputStream in = resource.getInputStream()) {
                return PemEscapes.unescape(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            catch (IOException ex) {
                problem(property, "could not be read from '" + describeLocation(value) + "': "
                        + ex.getClass().getSimpleName(), "Check that the file exists and is readable by the application.");
                return null;
            }
        }

        /**
         * A location is not a secret, but key text pasted without its PEM lines is: a value that is long or has
         * whitespace inside is never shown.
         */
        private String describeLocation(String value) {
            String trimmed = value.trim();
            return (trimmed.length() <= 256 && !trimmed.matches(".*\\s.*") && !KeyLikeValues.looksLikeKey(trimmed))
                    ? trimmed : "(value not shown: it looks like key text without its -----BEGIN----- line)";
        }

        private @Nullable String required(String property, @Nullable String value, String action) {
            if (value == null || value.isBlank()) {
                problem(property, "is required but " + ((value == null) ? "not set" : "blank"), action);
                return null;
            }
            return isProblem(property) ? null : value.trim();
        }

        private boolean isProblem(String property) {
            return this.problems.stream().anyMatch((p) -> p.property().equals(PREFIX + property));
        }

        private void problem(String property, String problem, String action) {
            this.problems.add(new Problem(PREFIX + property, problem, action));
        }

        private static boolean isBlank(@Nullable String value) {
            return value == null || value.isBlank();
        }
    }
}
