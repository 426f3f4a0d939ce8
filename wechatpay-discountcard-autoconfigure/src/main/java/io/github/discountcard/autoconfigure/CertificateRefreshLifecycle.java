package io.github.discountcard.autoconfigure;

import java.time.Duration;

import io.github.discountcard.client.certificates.CertificateDownloadException;
import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.client.certificates.RefreshResult;
import io.github.discountcard.core.CryptoException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the platform certificate refresh with the application context. On start it makes the first
 * download, retrying briefly on transport failures (waits on the given {@link Scheduler}, so tests run in virtual
 * time); then, by default, startup fails with a report naming the fix. With
 * {@code wechatpay.certificates.fail-fast=false} the application starts anyway and the download is retried in
 * the background. Runs in an early phase, before a web server takes traffic, and stops after it.
 */
final class CertificateRefreshLifecycle implements SmartLifecycle {

    /** Before the web server (whose phase is {@code DEFAULT_PHASE - 1024}) opens, after it closes. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    static final int STARTUP_RETRIES = 2;

    static final Duration STARTUP_BACKOFF = Duration.ofMillis(500);

    private static final Log logger = LogFactory.getLog(CertificateRefreshLifecycle.class);

    private final PlatformCertificateManager manager;

    private final boolean failFast;

    private final Duration attemptTimeout;

    private final Scheduler scheduler;

    private volatile boolean running;

    /**
     * @param attemptTimeout the most one download attempt is expected to take (connect plus response timeout);
     * the start waits at most three of them plus the back-offs
     */
    CertificateRefreshLifecycle(PlatformCertificateManager manager, boolean failFast, Duration attemptTimeout,
            Scheduler scheduler) {
        this.manager = manager;
        this.failFast = failFast;
        this.attemptTimeout = attemptTimeout;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        if (this.running) {
            return;
        }
        if (Schedulers.isInNonBlockingThread()) {
            // started from an event loop: blocking is not allowed here, load in the background
            logger.info("Loading WeChat Pay platform certificates in the background (started on a non-blocking thread)");
            this.manager.retryUntilLoaded();
        }
        else {
            try {
                initialDownload().block(this.attemptTimeout.multipliedBy(STARTUP_RETRIES + 1L).plusSeconds(2));
            }
            catch (RuntimeException ex) {
                // a configuration report, or the bound above ran out
                WechatPayConfigurationException failure = (ex instanceof WechatPayConfigurationException report)
                        ? report : explain(ex);
                if (this.failFast) {
                    throw failure;
                }
                logger.warn("Starting without WeChat Pay platform certificates; calls fail verification until a "
                        + "download succeeds (retried in the background and on each unknown serial). " + failure.getMessage());
                this.manager.retryUntilLoaded();
            }
        }
        this.manager.start();
        this.running = true;
    }

    /**
     * The first download with its short retries, failing with a {@link WechatPayConfigurationException} that
     * names the property to fix.
     */
    Mono<RefreshResult> initialDownload() {
        return this.manager.refresh()
            .retryWhen(Retry.backoff(STARTUP_RETRIES, STARTUP_BACKOFF)
                .scheduler(this.scheduler)
                .filter(CertificateRefreshLifecycle::worthRetrying)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
            .onErrorMap((ex) -> !(ex instanceof WechatPayConfigurationException), CertificateRefreshLifecycle::explain);
    }

    @Override
    public void stop() {
        this.manager.close();
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Transport failures and server errors may pass; "no certificates" (404) and a wrong APIv3 key will not. */
    private static boolean worthRetrying(Throwable ex) {
        return !(ex instanceof CertificateDownloadException download)
                || (!download.isPublicKeyModeOnly() && !download.isApiV3KeyMismatch() && download.getCause() != null
                        && !(download.getCause() instanceof CryptoException));
    }

    private static WechatPayConfigurationException explain(Throwable ex) {
        if (ex instanceof CertificateDownloadException download && download.isPublicKeyModeOnly()) {
            return new WechatPayConfigurationException("wechatpay.public-key", String.valueOf(download.getMessage()),
                    "Download the WeChat Pay public key in the merchant platform and set 'wechatpay.public-key' and "
                            + "'wechatpay.public-key-id'; leave 'wechatpay.api-v3-key' for callbacks only.",
                    ex);
        }
        // only a verified answer that does not decrypt blames the key; an unverifiable one says so in its message
        if (ex instanceof CertificateDownloadException download && download.isApiV3KeyMismatch()) {
            return new WechatPayConfigurationException("wechatpay.api-v3-key", String.valueOf(download.getMessage()),
                    "Check the APIv3 key in the merchant platform (API security settings).", ex);
        }
        return new WechatPayConfigurationException("wechatpay.certificates.fail-fast",
                "platform certificates could not be downloaded at startup: " + ex.getMessage(),
                "Check that WeChat Pay is reachable (wechatpay.base-url) and the merchant credentials, or set "
                        + "'wechatpay.certificates.fail-fast=false' to start anyway and retry in the background.",
                ex);
    }
}
