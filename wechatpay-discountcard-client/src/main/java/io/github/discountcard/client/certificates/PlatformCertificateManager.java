package io.github.discountcard.client.certificates;

import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.github.discountcard.client.BaseUrls;
import io.github.discountcard.client.RetryPolicy;
import io.github.discountcard.client.UnknownSerialRefresher;
import io.github.discountcard.client.UntrustedText;
import io.github.discountcard.client.VerifiedResponse;
import io.github.discountcard.client.WechatPayApi;
import io.github.discountcard.client.WechatPayException;
import io.github.discountcard.client.WechatPayRequest;
import io.github.discountcard.client.WechatPayServiceException;
import io.github.discountcard.core.AeadAesGcm;
import io.github.discountcard.core.CryptoException;
import io.github.discountcard.core.KeyMaterialException;
import io.github.discountcard.core.PemKeys;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.SignatureVerificationException;
import io.github.discountcard.core.VerificationFailure;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Keeps the platform certificates in a {@link VerificationKeys} registry current.
 * <p>
 * A refresh downloads {@code GET /v3/certificates} through the client's own response path ({@link WechatPayApi}:
 * one read under a size cap, typed errors) with a verification of its own, and trusts nothing it has not
 * verified:
 * <ul>
 * <li>signed by a key the registry holds: that key verifies the answer before anything is decrypted;</li>
 * <li>signed by a key not held: trusted only for the first download (nothing held could verify it) or
 * when it is signed by a certificate no older than those held (a rotation), and then verified with that
 * certificate taken from the answer, which
 * must decrypt with the APIv3 key; when it does not, the answer is unverifiable, and the APIv3 key is not
 * blamed;</li>
 * <li>each entry's {@code associated_data} must be exactly {@value #ASSOCIATED_DATA} and its plaintext exactly
 * one {@code CERTIFICATE} PEM block, listed under its own serial number;</li>
 * <li>only a verified answer whose certificates do not decrypt names {@code wechatpay.api-v3-key}
 * ({@link CertificateDownloadException#isApiV3KeyMismatch()}).</li>
 * </ul>
 * Certificates inside their validity period are swapped in atomically: callers never see a moment without
 * keys, and a failed refresh leaves the registry as it was. Every text taken from the answer reaches messages,
 * logs and {@link RefreshResult} only made printable and capped ({@link UntrustedText}). Refreshes run on a
 * schedule off the callers' threads, and on demand when a response names an unknown serial, at most once per
 * {@code unknownSerialInterval}; concurrent requests share one refresh in flight.
 */
public final class PlatformCertificateManager implements UnknownSerialRefresher, AutoCloseable {

    static final String CERTIFICATES_PATH = "/v3/certificates";

    /** The only {@code associated_data} a platform certificate is encrypted with. */
    static final String ASSOCIATED_DATA = "certificate";

    private static final WechatPayRequest DOWNLOAD = WechatPayRequest.get(CERTIFICATES_PATH)
        .operation("downloadCertificates");

    private static final int MAX_DOWNLOAD_BYTES = 1024 * 1024;

    /** WeChat Pay lists a handful at most (the current one and those still valid); more is not an answer. */
    private static final int MAX_CERTIFICATES = 16;

    /** Exactly one PEM certificate, nothing before or after it (one final line break allowed). */
    private static final Pattern SINGLE_CERTIFICATE_PEM = Pattern.compile("-----BEGIN CERTIFICATE-----\\r?\\n"
            + "(?:[A-Za-z0-9+/=]{1,76}\\r?\\n)+-----END CERTIFICATE-----(?:\\r?\\n)?");

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

    private final WechatPayApi api;

    /** Verifies a download signed by a key the registry holds. */
    private final ResponseVerifier heldKeys;

    /** The downloaded certificates installed last (empty before the first download). */
    private volatile List<VerificationKey> downloadedHeld = List.of();

    private final JsonMapper json = JsonMapper.builder().build();

    private final AtomicReference<@Nullable InFlight> inFlight = new AtomicReference<>();

    private final AtomicReference<@Nullable UnknownSerialRefresh> unknownSerialRefresh = new AtomicReference<>();

    private volatile @Nullable RefreshResult lastResult;

    private final Scheduler scheduler;

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
        this.scheduler = builder.scheduler;
        this.heldKeys = new ResponseVerifier(this.keys, this.clock, this.timestampWindow);
        // the client's response path (one read, one cap, one verification, typed errors) with this
        // download's own verification; the manager retries on its own, so the call does not
        this.api = WechatPayApi.builder()
            .baseUrl(builder.baseUrl)
            .signer(Objects.requireNonNull(builder.signer, "signer"))
            .verification(this.keys, this::verifyDownload)
            .webClientBuilder(builder.webClientBuilder)
            .maxResponseBytes(MAX_DOWNLOAD_BYTES)
            .retryPolicy(RetryPolicy.NONE)
            .callTimeout(this.downloadTimeout)
            .clock(this.clock)
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
            this.schedule = Flux.interval(this.refreshInterval, this.refreshInterval, this.scheduler)
                .onBackpressureDrop()
                .concatMap((tick) -> refresh().onErrorResume((ex) -> Mono.empty()))
                .subscribe();
        }
    }

    /** Retries the download in the background (backing off up to a minute) until one succeeds or this closes. */
    public synchronized void retryUntilLoaded() {
        if (this.retrying == null) {
            this.retrying = refresh().retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                .maxBackoff(Duration.ofMinutes(1))
                .scheduler(this.scheduler)).subscribe((result) -> { }, (error) -> { });
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
                    logger.info("A WeChat Pay response names unknown Wechatpay-Serial " + UntrustedText.id(serial)
                            + ": refreshing platform certificates");
                }
                // ours or a concurrent caller's: either way set, as nothing resets it to null
                current = Objects.requireNonNull(this.unknownSerialRefresh.get());
            }
            // callers within the interval share that refresh's outcome
            return current.result().map((result) -> this.keys.find(serial) != null).onErrorReturn(false);
        });
    }

    private Mono<VerifiedResponse> download() {
        return this.api.exchange(DOWNLOAD)
            .onErrorMap((ex) -> !(ex instanceof CertificateDownloadException), this::downloadFailure);
    }

    /** Every failure of the download as a {@link CertificateDownloadException}; its text is already printable. */
    private CertificateDownloadException downloadFailure(Throwable ex) {
        if (ex instanceof WechatPayServiceException error) {
            boolean publicKeyOnly = error.statusCode() == 404;
            return new CertificateDownloadException(publicKeyOnly
                    ? "WeChat Pay has no platform certificates for this merchant (" + error.getMessage()
                            + "). Merchants onboarded since late 2024 verify with the WeChat Pay public key: "
                            + "configure public-key mode (public key and its PUB_KEY_ID_ id)"
                    : "Downloading WeChat Pay platform certificates failed: " + error.getMessage(),
                    publicKeyOnly, error);
        }
        if (ex instanceof WechatPayException wechatPay) {
            return new CertificateDownloadException("Downloading WeChat Pay platform certificates failed: "
                    + wechatPay.getMessage(), false, ex);
        }
        return new CertificateDownloadException("Downloading WeChat Pay platform certificates failed: "
                + ex.getClass().getSimpleName() + ((ex.getMessage() != null)
                        ? ": " + UntrustedText.message(ex.getMessage()) : ""), false, ex);
    }

    /**
     * Whether the download is trusted, decided over its exact bytes before anything else reads it. Signed by a
     * key this registry holds: that key verifies it, and nothing is decrypted first. Signed by a key not held:
     * trusted only when {@link #mayTrustUnknownSigner(VerificationKey, Instant) the rule for new signers}
     * allows it, and then verified with that certificate taken from the answer itself, which must decrypt with the
     * APIv3 key. When it does not decrypt the answer is unverifiable (it is not known to come from WeChat Pay), and
     * the APIv3 key is not blamed.
     */
    private Mono<Boolean> verifyDownload(int status, ResponseSignature signature, byte[] body) {
        String signer = signature.serial();
        if (signer == null || this.keys.find(signer) != null) {
            this.heldKeys.verify(signature, body);
            return Mono.just(true);
        }
        if (status < 200 || status >= 300) {
            // an error brings no certificate to check it with: reported by its status, marked unverified
            return Mono.just(false);
        }
        String printableSigner = UntrustedText.id(signer.trim());
        List<VerificationKey> own;
        try {
            own = certificatesIn(body);
        }
        catch (UnusableCertificates ex) {
            throw new SignatureVerificationException(VerificationFailure.UNKNOWN_SERIAL, "The /v3/certificates "
                    + "answer is signed by '" + printableSigner + "', a key not held, and its own certificates are "
                    + "unusable (" + ex.getMessage() + "): it cannot be verified");
        }
        VerificationKey candidate = own.stream().filter((key) -> key.id().equalsIgnoreCase(signer.trim()))
            .findFirst().orElse(null);
        if (candidate == null) {
            throw new SignatureVerificationException(VerificationFailure.UNKNOWN_SERIAL, "The /v3/certificates "
                    + "answer is signed by '" + printableSigner + "', neither a key held nor one of its own certificates");
        }
        if (!mayTrustUnknownSigner(candidate, this.clock.instant())) {
            throw new SignatureVerificationException(VerificationFailure.UNKNOWN_SERIAL, "The /v3/certificates "
                    + "answer is signed by its own certificate " + candidate.id() + ", which is not held and older "
                    + "than the certificates held: refused");
        }
        new ResponseVerifier(new VerificationKeys(List.of(candidate)), this.clock, this.timestampWindow)
            .verify(signature, body);
        return Mono.just(true);
    }

    /**
     * The rule for a download signed by a certificate not held yet. It is trusted when no downloaded certificate
     * is held (the first download: nothing else could verify it), or when the signing certificate is not older
     * (its validity starts no earlier) than any downloaded certificate held: WeChat Pay rotated it in, listed it in
     * this very answer and signs with it before our scheduled refresh saw it. Either way the signing certificate comes
     * encrypted with the APIv3 key, which only WeChat Pay and the merchant hold, and the signature must verify
     * with it. A signer older than what is held (a rolled-back answer) is refused.
     */
    private boolean mayTrustUnknownSigner(VerificationKey signer, Instant now) {
        List<VerificationKey> held = this.downloadedHeld;
        if (held.isEmpty()) {
            return true;
        }
        X509Certificate certificate = signer.certificate();
        if (certificate == null) {
            return false;
        }
        Instant signerFrom = certificate.getNotBefore().toInstant();
        return held.stream().map(VerificationKey::certificate).filter(Objects::nonNull)
            .noneMatch((heldCertificate) -> signerFrom.isBefore(heldCertificate.getNotBefore().toInstant()));
    }

    private RefreshResult install(VerifiedResponse download) {
        Instant now = this.clock.instant();
        List<VerificationKey> downloaded;
        try {
            downloaded = certificatesIn(download.body());
        }
        catch (UnusableCertificates ex) {
            // the answer verified: it came from WeChat Pay, so a certificate that does not decrypt points at our key
            throw new CertificateDownloadException(ex.getMessage() + (ex.decryptionFailed
                    ? ". The answer was verified, so check wechatpay.api-v3-key: it is not the one WeChat Pay uses"
                    : ""), download.requestId(), ex.decryptionFailed, (ex.getCause() != null) ? ex.getCause() : ex);
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
                    + " downloaded WeChat Pay platform certificates is valid now", download.requestId(), false, null);
        }
        List<VerificationKey> installed = new ArrayList<>(this.staticCertificates);
        installed.addAll(usable);
        this.keys.replaceCertificates(installed);
        this.downloadedHeld = List.copyOf(usable);
        List<String> serials = usable.stream().map(VerificationKey::id).toList();
        RefreshResult result = RefreshResult.success(now, serials);
        this.lastResult = result;
        logger.info("Loaded WeChat Pay platform certificates " + serials);
        return result;
    }

    /**
     * The certificates a download lists, each decrypted and checked strictly: {@code associated_data} exactly
     * {@value #ASSOCIATED_DATA}, the plaintext exactly one {@code CERTIFICATE} PEM block with nothing before or
     * after it, and its serial number the entry's {@code serial_no}. Messages hold only printable, capped text.
     */
    private List<VerificationKey> certificatesIn(byte[] body) {
        JsonNode data;
        try {
            data = this.json.readTree(body).path("data");
        }
        catch (JacksonException ex) {
            throw new UnusableCertificates("the /v3/certificates answer is not JSON", false);
        }
        if (!data.isArray() || data.isEmpty()) {
            throw new UnusableCertificates("the /v3/certificates answer lists no certificates", false);
        }
        if (data.size() > MAX_CERTIFICATES) {
            throw new UnusableCertificates("the /v3/certificates answer lists " + data.size()
                    + " certificates, more than " + MAX_CERTIFICATES, false);
        }
        List<VerificationKey> certificates = new ArrayList<>();
        for (JsonNode entry : data) {
            certificates.add(certificateIn(entry));
        }
        return certificates;
    }

    private VerificationKey certificateIn(JsonNode entry) {
        String serial = UntrustedText.id(entry.path("serial_no").asString(""));
        JsonNode encrypted = entry.path("encrypt_certificate");
        String associatedData = encrypted.path("associated_data").asString("");
        if (!ASSOCIATED_DATA.equals(associatedData)) {
            throw new UnusableCertificates("certificate '" + serial + "' has associated_data '"
                    + UntrustedText.id(associatedData) + "', not '" + ASSOCIATED_DATA + "'", false);
        }
        String pem;
        try {
            pem = this.aead.decryptToString(associatedData, encrypted.path("nonce").asString(""),
                    encrypted.path("ciphertext").asString(""));
        }
        catch (CryptoException ex) {
            throw new UnusableCertificates("certificate '" + serial + "' does not decrypt with the APIv3 key", ex);
        }
        if (!SINGLE_CERTIFICATE_PEM.matcher(pem).matches()) {
            throw new UnusableCertificates("certificate '" + serial + "' decrypts to something other than exactly one "
                    + "CERTIFICATE PEM block", false);
        }
        VerificationKey certificate;
        try {
            certificate = VerificationKey.certificate(PemKeys.certificate(pem), this.provider);
        }
        catch (KeyMaterialException ex) {
            throw new UnusableCertificates("certificate '" + serial + "' is unusable: "
                    + UntrustedText.message(ex.getMessage()), false);
        }
        if (!certificate.id().equalsIgnoreCase(entry.path("serial_no").asString(""))) {
            throw new UnusableCertificates("downloaded certificate " + certificate.id() + " is listed under serial_no '"
                    + serial + "'", false);
        }
        return certificate;
    }

    @Override
    public String toString() {
        return "PlatformCertificateManager[" + this.api.baseUrl() + CERTIFICATES_PATH + ", every "
                + this.refreshInterval + "]";
    }

    private record InFlight(Instant startedAt, Mono<RefreshResult> result) {
    }

    private record UnknownSerialRefresh(Instant startedAt, Mono<RefreshResult> result) {
    }

    /** Why the certificates of a download cannot be used; its message holds printable, capped text only. */
    private static final class UnusableCertificates extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean decryptionFailed;

        UnusableCertificates(String message, boolean decryptionFailed) {
            super(message, null, false, false);
            this.decryptionFailed = decryptionFailed;
        }

        /** The certificate did not decrypt: the {@link CryptoException} is the cause. */
        UnusableCertificates(String message, CryptoException cause) {
            super(message, cause, false, false);
            this.decryptionFailed = true;
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

        private Scheduler scheduler = Schedulers.parallel();

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

        public Builder webClientBuilder(WebClient.@Nullable Builder webClientBuilder) {
            this.webClientBuilder = webClientBuilder;
            return this;
        }

        /** Where the scheduled refresh and the background retries wait (default {@link Schedulers#parallel()}). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public PlatformCertificateManager build() {
            return new PlatformCertificateManager(this);
        }
    }
}
