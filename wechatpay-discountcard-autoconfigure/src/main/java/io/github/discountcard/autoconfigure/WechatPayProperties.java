package io.github.discountcard.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the WeChat Pay discount card client.
 */
@ConfigurationProperties("wechatpay")
public class WechatPayProperties {

    /**
     * Whether to auto-configure the WeChat Pay discount card client.
     */
    private boolean enabled = true;

    /**
     * Merchant id (mchid) issued by WeChat Pay.
     */
    private @Nullable String mchId;

    /**
     * Serial number of the merchant API certificate (upper-case hex), sent as serial_no when signing.
     */
    private @Nullable String merchantSerialNumber;

    /**
     * Merchant API private key (apiclient_key.pem): inline PEM text or a resource location such as
     * 'classpath:apiclient_key.pem' or 'file:/etc/wechatpay/apiclient_key.pem'. RSA, 2048 bits or more.
     */
    private @Nullable String privateKey;

    /**
     * WeChat Pay public key (pub_key.pem) used to verify responses: inline PEM text or a resource location.
     * Requires 'wechatpay.public-key-id'.
     */
    private @Nullable String publicKey;

    /**
     * Id of the WeChat Pay public key, starting with 'PUB_KEY_ID_'.
     */
    private @Nullable String publicKeyId;

    /**
     * WeChat Pay platform certificates used to verify responses (certificate mode): each entry inline PEM text
     * or a resource location.
     */
    private List<String> platformCertificates = new ArrayList<>();

    /**
     * APIv3 key (32 characters) set in the merchant platform; decrypts downloaded platform certificates.
     */
    private @Nullable String apiV3Key;

    /**
     * Base URL of the WeChat Pay API. 'http://' is accepted only for loopback hosts (a local simulator).
     */
    private String baseUrl = "https://api.mch.weixin.qq.com";

    /**
     * Timeout for establishing a connection to WeChat Pay.
     */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /**
     * Timeout for a response from WeChat Pay, once the request has been sent.
     */
    private Duration responseTimeout = Duration.ofSeconds(10);

    /**
     * Largest distance allowed between a response's Wechatpay-Timestamp and the local clock, in either direction.
     */
    private Duration timestampWindow = Duration.ofMinutes(5);

    /**
     * Largest response body accepted; a larger response fails instead of filling memory.
     */
    private DataSize maxResponseSize = DataSize.ofMegabytes(1);

    /**
     * Most time one call may take, retries and their waits included; beyond it the call fails with a timeout.
     */
    private Duration callTimeout = Duration.ofSeconds(30);

    /**
     * Whether the DEBUG log line of each call includes request and response bodies (openids masked).
     */
    private boolean logBodies = false;

    /**
     * JCA provider for SHA256withRSA: 'auto' (Amazon Corretto Crypto Provider when present and working, else the
     * JDK), 'jdk', 'accp', or the name of an installed provider. Signatures are identical either way.
     */
    private String cryptoProvider = "auto";

    private final Certificates certificates = new Certificates();

    private final Retry retry = new Retry();

    private final Ssl ssl = new Ssl();

    private final Proxy proxy = new Proxy();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getMchId() {
        return this.mchId;
    }

    public void setMchId(@Nullable String mchId) {
        this.mchId = mchId;
    }

    public @Nullable String getMerchantSerialNumber() {
        return this.merchantSerialNumber;
    }

    public void setMerchantSerialNumber(@Nullable String merchantSerialNumber) {
        this.merchantSerialNumber = merchantSerialNumber;
    }

    public @Nullable String getPrivateKey() {
        return this.privateKey;
    }

    public void setPrivateKey(@Nullable String privateKey) {
        this.privateKey = privateKey;
    }

    public @Nullable String getPublicKey() {
        return this.publicKey;
    }

    public void setPublicKey(@Nullable String publicKey) {
        this.publicKey = publicKey;
    }

    public @Nullable String getPublicKeyId() {
        return this.publicKeyId;
    }

    public void setPublicKeyId(@Nullable String publicKeyId) {
        this.publicKeyId = publicKeyId;
    }

    public List<String> getPlatformCertificates() {
        return this.platformCertificates;
    }

    public void setPlatformCertificates(List<String> platformCertificates) {
        this.platformCertificates = platformCertificates;
    }

    public @Nullable String getApiV3Key() {
        return this.apiV3Key;
    }

    public void setApiV3Key(@Nullable String apiV3Key) {
        this.apiV3Key = apiV3Key;
    }

    public String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
        return this.responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Duration getTimestampWindow() {
        return this.timestampWindow;
    }

    public void setTimestampWindow(Duration timestampWindow) {
        this.timestampWindow = timestampWindow;
    }

    public DataSize getMaxResponseSize() {
        return this.maxResponseSize;
    }

    public void setMaxResponseSize(DataSize maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public Certificates getCertificates() {
        return this.certificates;
    }

    public String getCryptoProvider() {
        return this.cryptoProvider;
    }

    public void setCryptoProvider(String cryptoProvider) {
        this.cryptoProvider = cryptoProvider;
    }

    public Ssl getSsl() {
        return this.ssl;
    }

    public Proxy getProxy() {
        return this.proxy;
    }

    public Retry getRetry() {
        return this.retry;
    }

    public Duration getCallTimeout() {
        return this.callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public boolean isLogBodies() {
        return this.logBodies;
    }

    public void setLogBodies(boolean logBodies) {
        this.logBodies = logBodies;
    }

    /**
     * Retries of failed calls: queries on connection errors, timeouts, 5xx and 429; updates on connection errors,
     * timeouts and 5xx (safe because WeChat Pay applies each record's serial number once).
     */
    public static class Retry {

        /**
         * Most attempts per call, the first included; 1 turns retries off.
         */
        private int maxAttempts = 3;

        /**
         * Wait before the first retry; doubled for each further one.
         */
        private Duration initialBackoff = Duration.ofMillis(200);

        /**
         * Longest wait between attempts; a longer Retry-After is not waited for.
         */
        private Duration maxBackoff = Duration.ofSeconds(2);

        /**
         * Random share of each wait, from 0 to 1.
         */
        private double jitter = 0.5;

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return this.initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public double getJitter() {
            return this.jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }
    }

    /**
     * TLS of the connections to WeChat Pay (API calls and certificate downloads alike).
     */
    public static class Ssl {

        /**
         * Name of the SSL bundle ('spring.ssl.bundle.*') whose trust material (and key material, if any) the
         * client uses instead of the JVM's default trust store, e.g. for a TLS-inspecting corporate gateway or a
         * test server. Unset: the JVM's defaults.
         */
        private @Nullable String bundle;

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }
    }

    /**
     * An HTTP proxy for the connections to WeChat Pay (API calls and certificate downloads alike). The client
     * tunnels through it with CONNECT, so TLS stays end to end. Spring Boot 4.0 has no proxy setting for reactive
     * HTTP clients, hence these properties; other WebClients of the application are not affected.
     */
    public static class Proxy {

        /**
         * Host name or address of the HTTP proxy. Unset: direct connections.
         */
        private @Nullable String host;

        /**
         * Port of the HTTP proxy; required with 'wechatpay.proxy.host'.
         */
        private @Nullable Integer port;

        /**
         * User name for proxy authentication (Basic). Unset: no authentication.
         */
        private @Nullable String username;

        /**
         * Password for proxy authentication; never shown in logs, reports or actuator output.
         */
        private @Nullable String password;

        /**
         * Regular expression of hosts reached directly, not through the proxy, e.g. 'localhost|127\..*'.
         */
        private @Nullable String nonProxyHosts;

        public @Nullable String getHost() {
            return this.host;
        }

        public void setHost(@Nullable String host) {
            this.host = host;
        }

        public @Nullable Integer getPort() {
            return this.port;
        }

        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        public @Nullable String getUsername() {
            return this.username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public @Nullable String getNonProxyHosts() {
            return this.nonProxyHosts;
        }

        public void setNonProxyHosts(@Nullable String nonProxyHosts) {
            this.nonProxyHosts = nonProxyHosts;
        }
    }

    /**
     * Whether platform certificates are downloaded from /v3/certificates: as configured, else when an APIv3 key
     * is set and neither a WeChat Pay public key nor platform certificates are.
     */
    boolean downloadsCertificates() {
        Boolean download = this.certificates.getDownload();
        if (download != null) {
            return download;
        }
        return this.apiV3Key != null && !this.apiV3Key.isBlank() && (this.publicKey == null || this.publicKey.isBlank())
                && this.platformCertificates.isEmpty();
    }

    /**
     * Platform certificate download and refresh.
     */
    public static class Certificates {

        /**
         * Whether to download platform certificates from /v3/certificates. Unset: download when 'wechatpay.api-v3-key'
         * is set and neither 'wechatpay.public-key' nor 'wechatpay.platform-certificates' is.
         */
        private @Nullable Boolean download;

        /**
         * How often downloaded certificates are refreshed in the background.
         */
        private Duration refreshInterval = Duration.ofHours(1);

        /**
         * Least time between two refreshes caused by a response naming an unknown Wechatpay-Serial.
         */
        private Duration unknownSerialRefreshInterval = Duration.ofSeconds(30);

        /**
         * Whether startup fails when the first download fails. When false the application starts, calls fail
         * with a verification error until a certificate is loaded, and the download is retried.
         */
        private boolean failFast = true;

        public @Nullable Boolean getDownload() {
            return this.download;
        }

        public void setDownload(@Nullable Boolean download) {
            this.download = download;
        }

        public Duration getRefreshInterval() {
            return this.refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        public Duration getUnknownSerialRefreshInterval() {
            return this.unknownSerialRefreshInterval;
        }

        public void setUnknownSerialRefreshInterval(Duration unknownSerialRefreshInterval) {
            this.unknownSerialRefreshInterval = unknownSerialRefreshInterval;
        }

        public boolean isFailFast() {
            return this.failFast;
        }

        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }
    }

    @Override
    public String toString() {
        // a key pasted into the wrong property is not printed either
        return "WechatPayProperties[enabled=" + this.enabled + ", mchId=" + shown(this.mchId) + ", merchantSerialNumber="
                + shown(this.merchantSerialNumber) + ", privateKey=" + mask(this.privateKey) + ", publicKeyId="
                + shown(this.publicKeyId) + ", platformCertificates=" + this.platformCertificates.size() + ", apiV3Key="
                + mask(this.apiV3Key) + ", baseUrl=" + shown(this.baseUrl) + "]";
    }

    private @Nullable String shown(@Nullable String value) {
        return KeyLikeValues.shown(value, this.apiV3Key, this.privateKey);
    }

    private static String mask(@Nullable String secret) {
        return (secret != null) ? "******" : "null";
    }
}
