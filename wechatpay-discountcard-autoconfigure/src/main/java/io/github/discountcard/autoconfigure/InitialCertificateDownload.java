package io.github.discountcard.autoconfigure;

import java.time.Duration;

import io.github.discountcard.client.certificates.CertificateDownloadException;
import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.core.CryptoException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The first certificate download, at startup. It retries briefly on transport failures; then, by default,
 * startup fails with a report naming the fix. With {@code wechatpay.certificates.fail-fast=false} the
 * application starts anyway and the download is retried in the background.
 */
final class InitialCertificateDownload {

    private static final Log logger = LogFactory.getLog(InitialCertificateDownload.class);

    private InitialCertificateDownload() {
    }

    static void run(PlatformCertificateManager manager, WechatPayProperties properties) {
        if (Schedulers.isInNonBlockingThread()) {
            // created lazily on an event loop (lazy initialization): blocking here is not allowed
            logger.info("Loading WeChat Pay platform certificates in the background (bean created on a non-blocking thread)");
            manager.retryUntilLoaded();
            return;
        }
        Duration bound = properties.getConnectTimeout().plus(properties.getResponseTimeout()).multipliedBy(3)
            .plusSeconds(2);
        try {
            manager.refresh()
                .retryWhen(Retry.backoff(2, Duration.ofMillis(500))
                    .filter((ex) -> !(ex instanceof CertificateDownloadException download)
                            || (!download.isPublicKeyModeOnly() && download.getCause() != null
                                    && !(download.getCause() instanceof CryptoException)))
                    .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .block(bound);
        }
        catch (RuntimeException ex) {
            WechatPayConfigurationException failure = explain(ex);
            if (properties.getCertificates().isFailFast()) {
                throw failure;
            }
            logger.warn("Starting without WeChat Pay platform certificates; calls fail verification until a "
                    + "download succeeds (retried in the background and on each unknown serial). " + failure.getMessage());
            manager.retryUntilLoaded();
        }
    }

    private static WechatPayConfigurationException explain(RuntimeException ex) {
        if (ex instanceof CertificateDownloadException download && download.isPublicKeyModeOnly()) {
            return new WechatPayConfigurationException("wechatpay.public-key", download.getMessage(),
                    "Download the WeChat Pay public key in the merchant platform and set 'wechatpay.public-key' and "
                            + "'wechatpay.public-key-id'; leave 'wechatpay.api-v3-key' for callbacks only.",
                    ex);
        }
        if (ex instanceof CertificateDownloadException download
                && download.getCause() instanceof CryptoException) {
            return new WechatPayConfigurationException("wechatpay.api-v3-key", download.getMessage(),
                    "Check the APIv3 key in the merchant platform (API security settings).", ex);
        }
        return new WechatPayConfigurationException("wechatpay.certificates.fail-fast",
                "platform certificates could not be downloaded at startup: " + ex.getMessage(),
                "Check that WeChat Pay is reachable (wechatpay.base-url) and the merchant credentials, or set "
                        + "'wechatpay.certificates.fail-fast=false' to start anyway and retry in the background.",
                ex);
    }
}
