package io.github.discountcard.autoconfigure;

import java.security.Provider;

import io.github.discountcard.core.CryptoException;
import io.github.discountcard.core.CryptoProviders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The JCA provider chosen by {@code wechatpay.crypto-provider}, resolved and logged once at startup and handed
 * to the signer and verifiers. Never installed JVM-wide.
 */
final class CryptoProviderChoice {

    private static final Log logger = LogFactory.getLog(CryptoProviderChoice.class);

    private final @Nullable Provider provider;

    private CryptoProviderChoice(@Nullable Provider provider) {
        this.provider = provider;
    }

    static CryptoProviderChoice resolve(@Nullable String choice) {
        try {
            Provider provider = CryptoProviders.resolve(choice);
            String fallback = (provider == null && (choice == null || choice.isBlank()
                    || CryptoProviders.AUTO.equalsIgnoreCase(choice.trim())))
                    ? " (Amazon Corretto Crypto Provider not used: " + CryptoProviders.accpUnavailableReason() + ")"
                    : "";
            logger.info("WeChat Pay signatures use " + CryptoProviders.describe(provider) + fallback);
            return new CryptoProviderChoice(provider);
        }
        catch (CryptoException ex) {
            throw new WechatPayConfigurationException("wechatpay.crypto-provider", ex.getMessage(),
                    "Use 'auto' (the fastest available), 'jdk', or 'accp' with the Amazon Corretto Crypto Provider "
                            + "jar for your platform on the class path.", ex);
        }
    }

    @Nullable Provider provider() {
        return this.provider;
    }
}
