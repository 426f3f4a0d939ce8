package io.github.discountcard.client.certificates;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.github.discountcard.client.BaseUrls;
import io.github.discountcard.client.ErrorResponses;
import io.github.discountcard.client.ResponseBodies;
import io.github.discountcard.client.SignedWebClients;
import io.github.discountcard.client.UnknownSerialRefresher;
import io.github.discountcard.client.WechatPayException;
import io.github.discountcard.client.WechatPayServiceException;
import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.CryptoException;
import io.github.discountcard.core.KeyMaterialException;
import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Keeps the platform certificates in a {@link VerificationKeys} registry current.
 * <p>
 * A refresh downloads {@code GET /v3/certificates}, decrypts each certificate with the APIv3 key, checks the
 * download's own signature (with a certificate from it, or a key already held), keeps only certificates inside
 * their validity period and swaps them in atomically: callers never see a moment without keys, and a failed
 * refresh leaves the registry as it was. Refreshes run on a schedule off the callers' threads, and on demand
 * when a response names an unknown serial, at most once per {@code unknownSerialInterval}; concurrent
 * requests share one refresh in flight.
 */
public final class PlatformCertificateManager implements UnknownSerialRefresher, AutoCloseable {

    static final String CERTIFICATES_PATH = "/v3/certificates";

    private static final int MAX_DOWNLOAD_BYTES = 1024 * 1024;

    private static final Log logger = LogFactory.getLog(PlatformCertificateManager.class);

    private final VerificationKeys keys;

    private final AeadAesGcm aead;

    private final List<VerificationKey> staticCertificates;

    private final Clock clock;

    private final Duration timestampWindow;

    private final Duration refreshInterval;

    private final Duration unknownSerialInterval;

    private final Duration downloadTimeout;

    private final @Nullable Provider provider;

    private final WebClient webClient;

    private final URI certificatesUri;

    private final JsonMapper json = JsonMapper.builder().build();

    private final AtomicReference<@Nullable InFlight> inFlight = new AtomicReference<>();

    private final AtomicReference<@Nullable UnknownSerialRefresh> unknownSerialRefresh = new AtomicReference<>();

    private volatile @Nullable RefreshResult lastResult;

    private volatile @Nullable Disposable schedule;

    private volatile @Nullable Disposable retrying;

    private PlatformCertificateManager(Builder builder) {
        this.keys = Objects.requireNonNull(builder.keys, "keys");
        this.aead = Objects.requireNonNull(builder.aead, "aead");
        this.staticCertificates = List.copyOf(builder.staticCertificates);
        this.clock = builder.clock;
        this.timestampWindow = builder.timestampWindow;
        this.refreshInterval = builder.refreshInterval;
        this.unknownSerialInterval = builder.unknownSerialInterval;
        this.downloadTimeout = builder.downloadTimeout;
        this.provider = builder.provider;
        this.certificatesUri = URI.create(BaseUrls.check(builder.baseUrl) + CERTIFICATES_PATH);
        this.webClient = SignedWebClients.builder(builder.webClientBuilder,
                Objects.requireNonNull(builder.signer, "signer"), this.keys, this.clock)
            .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Downloads and swaps in the certificates now; concurrent calls share one download. */
    public Mono<RefreshResult> refresh() {
        return refreshStartedAfter(Instant.MIN);
    }

    /**
     * Joins the download in flight if it started at or after {@code notBefore}; otherwise (none, or one begun
     * before, say, a rotation was noticed) starts a new one once it is done.
     */
    private Mono<RefreshResult> refreshStartedAfter(Instant notBefore) {
        return Mono.defer(() -> {
            while (true) {
                InFlight running = this.inFlight.get();
                if (running != null) {
                    if (!running.startedAt().isBefore(notBefore)) {
                        return running.result();
                    }
                    return running.result().onErrorResume((ex) -> Mono.empty())
                        .then(Mono.defer(() -> refreshStartedAfter(notBefore)));
                }
                InFlight next = new InFlight(this.clock.instant(), Mono.defer(this::download)
                    .map(this::install)
                    .doOnError((ex) -> {
                        this.lastResult = RefreshResult.failure(this.clock.instant(), ex);
                        logger.warn("WeChat Pay platform certificate refresh failed: " + ex.getMessage());
                    })
                    // cleared before the outcome reaches anyone, so a caller reacting to it can start the next one
                    .doOnTerminate(() -> this.inFlight.set(null))
                    .cache());
                if (this.inFlight.compareAndSet(null, next)) {
                    return next.result();
                }
            }
        });
    }

    /** Starts the scheduled refresh (every {@code refreshInterval}, first one after one interval). */
    public synchronized void start() {
        if (this.schedule == null) {
            this.schedule = Flux.interval(this.refreshInterval, this.refreshInterval, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap((tick) -> refresh().onErrorResume((ex) -> Mono.empty()))
                .subscribe();
        }
    }

    /** Retries the download in the background (backing off up to a minute) until one succeeds or this closes. */
    public synchronized void retryUntilLoaded() {
        if (this.retrying == null) {
            this.retrying = refresh().retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                .maxBackoff(Duration.ofMinutes(1))).subscribe((result) -> { }, (error) -> { });
        }
    }

    @Override
    public synchronized void close() {
        for (Disposable running : new Disposable[] { this.schedule, this.retrying }) {
            if (running != null) {
                running.dispose();
            }
        }
        this.schedule = null;
        this.retrying = null;
    }

    /** The last refresh's outcome, or {@code null} before the first one. */
    public @Nullable RefreshResult lastResult() {
        return this.lastResult;
    }

    public Duration refreshInterval() {
        return this.refreshInterval;
    }

    @Override
    public Mono<Boolean> refreshFor(String serial) {
        return Mono.defer(() -> {
            Instant now = this.clock.instant();
            UnknownSerialRefresh current = this.unknownSerialRefresh.get();
            if (current == null || !now.isBefore(current.startedAt().plus(this.unknownSerialInterval))) {
                // at most one refresh per interval, so forged serials cannot force a download each
                UnknownSerialRefresh next = new UnknownSerialRefresh(now, refreshStartedAfter(now).cache());
                if (this.unknownSerialRefresh.compareAndSet(current, next)) {
                    logger.info("A WeChat Pay response names unknown Wechatpay-Serial " + serial
                            + ": refreshing platform certificates");
                }
                // ours or a concurrent caller's: either way set, as nothing resets it to null
                current = Objects.requireNonNull(this.unknownSerialRefresh.get());
            }
            // callers within the interval share that refresh's outcome
            return current.result().map((result) -> this.keys.find(serial) != null).onErrorReturn(false);
        });
    }

    private Mono<Downloaded> download() {
        return this.webClient.get()
            .uri(this.certificatesUri)
            .exchangeToMono(this::read)
            // a trickling answer must not hold the refresh slot (and so the schedule) forever
            .timeout(this.downloadTimeout)
            .onErrorMap((ex) -> !(ex instanceof WechatPayException), (ex) -> new CertificateDownloadException(
                    "Downloading WeChat Pay platform certificates failed: " + ex.getClass().getSimpleName()
                            + ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""), false, ex));
    }

    private Mono<Downloaded> read(ClientResponse response) {
        HttpHeaders headers = response.headers().asHttpHeaders();
        String requestId = headers.getFirst("Request-ID");
        return ResponseBodies.read(response, MAX_DOWNLOAD_BYTES, requestId).flatMap((body) -> {
            if (!response.statusCode().is2xxSuccessful()) {
                WechatPayServiceException error = ErrorResponses.toException(this.json, response.statusCode().value(),
                        body, requestId, false);
                boolean publicKeyOnly = error.statusCode() == 404;
                return Mono.error(new CertificateDownloadException(publicKeyOnly
                        ? "WeChat Pay has no platform certificates for this merchant (" + error.getMessage()
                                + "). Merchants onboarded since late 2024 verify with the WeChat Pay public key: "
                                + "configure public-key mode (public key and its PUB_KEY_ID_ id)"
                        : "Downloading WeChat Pay platform certificates failed: " + error.getMessage(),
                        publicKeyOnly, error));
            }
            return Mono.just(new Downloaded(ResponseSignature.from(headers::getFirst), body, requestId));
        });
    }

    private RefreshResult install(Downloaded download) {
        Instant now = this.clock.instant();
        // signed by a key we hold (a refresh, mixed mode): verified before anything is decoded; only the first
        // download of a new certificate has to be checked with a certificate from itself
        String signer = download.signature().serial();
        VerificationKey held = (signer != null) ? this.keys.find(signer) : null;
        boolean knownSigner = held != null && held.usableAt(now);
        if (knownSigner) {
            verifySignature(download, List.of());
        }
        List<VerificationKey> downloaded = decrypt(download);
        if (!knownSigner) {
            verifySignature(download, downloaded);
        }
        List<VerificationKey> usable = new ArrayList<>();
        for (VerificationKey certificate : downloaded) {
            if (certificate.usableAt(now)) {
                usable.add(certificate);
            }
            else {
                logger.info("Skipping WeChat Pay platform certificate " + certificate.id()
                        + ": outside its validity period");
            }
        }
        if (usable.isEmpty()) {
            throw new CertificateDownloadException("None of the " + downloaded.size()
                    + " downloaded WeChat Pay platform certificates is valid now [Request-ID " + download.requestId()
                    + "]");
        }
        List<VerificationKey> installed = new ArrayList<>(this.staticCertificates);
        installed.addAll(usable);
        this.keys.replaceCertificates(installed);
        List<String> serials = usable.stream().map(VerificationKey::id).toList();
        RefreshResult result = RefreshResult.success(now, serials);
        this.lastResult = result;
        logger.info("Loaded WeChat Pay platform certificates " + serials);
        return result;
    }

    private List<VerificationKey> decrypt(Downloaded download) {
        JsonNode data;
        try {
            data = this.json.readTree(download.body()).path("data");
        }
        catch (JacksonException ex) {
            throw new CertificateDownloadException("The /v3/certificates answer is not JSON [Request-ID "
                    + download.requestId() + "]");
        }
        if (!data.isArray() || data.isEmpty()) {
            throw new CertificateDownloadException("The /v3/certificates answer lists no certificates [Request-ID "
                    + download.requestId() + "]");
        }
        List<VerificationKey> certificates = new ArrayList<>();
        for (JsonNode entry : data) {
            JsonNode encrypted = entry.path("encrypt_certificate");
            String serial = entry.path("serial_no").asString("");
            try {
                String pem = this.aead.decryptToString(encrypted.path("associated_data").asString(""),
                        encrypted.path("nonce").asString(""), encrypted.path("ciphertext").asString(""));
                VerificationKey certificate = VerificationKey.certificate(PemKeys.certificate(pem), this.provider);
                if (!certificate.id().equalsIgnoreCase(serial)) {
                    throw new CertificateDownloadException("Downloaded certificate " + certificate.id()
                            + " is listed under serial_no " + serial);
                }
                certificates.add(certificate);
            }
            catch (CryptoException ex) {
                throw new CertificateDownloadException("Decrypting WeChat Pay platform certificate " + serial
                        + " failed: " + ex.getMessage() + ". Check wechatpay.api-v3-key", false, ex);
            }
            catch (KeyMaterialException ex) {
                throw new CertificateDownloadException("WeChat Pay platform certificate " + serial
                        + " is unusable: " + ex.getMessage(), false, ex);
            }
        }
        return certificates;
    }

    /** The download is signed by one of its own certificates, or by a key we already hold (mixed mode). */
    private void verifySignature(Downloaded download, List<VerificationKey> downloaded) {
        VerificationKeys candidates = new VerificationKeys(this.keys.all());
        downloaded.forEach(candidates::put);
        try {
            new ResponseVerifier(candidates, this.clock, this.timestampWindow).verify(download.signature(),
                    download.body());
        }
        catch (SignatureVerificationException ex) {
            throw new CertificateDownloadException("The /v3/certificates answer failed signature verification ("
                    + ex.reason() + "): " + ex.getMessage() + " [Request-ID " + download.requestId() + "]", false,
                    ex);
        }
    }

    @Override
    public String toString() {
        return "PlatformCertificateManager[" + this.certificatesUri + ", every " + this.refreshInterval + "]";
    }

    private record InFlight(Instant startedAt, Mono<RefreshResult> result) {
    }

    private record UnknownSerialRefresh(Instant startedAt, Mono<RefreshResult> result) {
    }

    private record Downloaded(ResponseSignature signature, byte[] body, @Nullable String requestId) {

        @Override
        public String toString() {
            return "Downloaded[" + new String(this.body, StandardCharsets.UTF_8).length() + " chars]";
        }
    }

    /** Builds a {@link PlatformCertificateManager}; keys, signer and the APIv3 key are required. */
    public static final class Builder {

        private @Nullable VerificationKeys keys;

        private @Nullable RequestSigner signer;

        private @Nullable AeadAesGcm aead;

        private String baseUrl = BaseUrls.DEFAULT;

        private List<VerificationKey> staticCertificates = List.of();

        private Clock clock = Clock.systemUTC();

        private Duration timestampWindow = ResponseVerifier.DEFAULT_TIMESTAMP_WINDOW;

        private Duration refreshInterval = Duration.ofHours(1);

        private Duration unknownSerialInterval = Duration.ofSeconds(30);

        private Duration downloadTimeout = Duration.ofSeconds(30);

        private @Nullable Provider provider;

        private WebClient.@Nullable Builder webClientBuilder;

        private Builder() {
        }

        /** The registry to keep current (shared with the client's verifier). */
        public Builder keys(VerificationKeys keys) {
            this.keys = keys;
            return this;
        }

        /** Signs the download request. */
        public Builder signer(RequestSigner signer) {
            this.signer = signer;
            return this;
        }

        /** The APIv3 key that decrypts the certificates. */
        public Builder apiV3Key(AeadAesGcm aead) {
            this.aead = aead;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Configured certificates kept beside the downloaded ones. */
        public Builder staticCertificates(List<VerificationKey> staticCertificates) {
            this.staticCertificates = staticCertificates;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder timestampWindow(Duration timestampWindow) {
            this.timestampWindow = timestampWindow;
            return this;
        }

        /** How often to refresh in the background (default 1 hour). */
        public Builder refreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
            return this;
        }

        /** The least time between two refreshes caused by unknown serials (default 30 s). */
        public Builder unknownSerialInterval(Duration unknownSerialInterval) {
            this.unknownSerialInterval = unknownSerialInterval;
            return this;
        }

        /** The most time one download may take (default 30 s). */
        public Builder downloadTimeout(Duration downloadTimeout) {
            this.downloadTimeout = downloadTimeout;
            return this;
        }

        /** The JCA provider for the certificates' verifiers, or {@code null} for the JDK's choice. */
        public Builder provider(@Nullable Provider provider) {
            this.provider = provider;
            return this;
        }

        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            this.webClientBuilder = webClientBuilder;
            return this;
        }

        public PlatformCertificateManager build() {
            return new PlatformCertificateManager(this);
        }
    }
}
