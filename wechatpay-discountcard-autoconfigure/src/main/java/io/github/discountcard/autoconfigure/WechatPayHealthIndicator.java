package io.github.discountcard.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.discountcard.client.certificates.PlatformCertificateManager;
import io.github.discountcard.client.certificates.RefreshResult;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of response verification: the key mode, the key ids, days until the nearest certificate expires and
 * the last certificate refresh. DOWN when no usable key is left, since then every call fails verification.
 */
public class WechatPayHealthIndicator implements HealthIndicator {

    private final VerificationKeys keys;

    private final @Nullable PlatformCertificateManager certificates;

    private final Clock clock;

    public WechatPayHealthIndicator(VerificationKeys keys, @Nullable PlatformCertificateManager certificates,
            Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.certificates = certificates;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        Instant now = this.clock.instant();
        List<VerificationKey> all = this.keys.all();
        Health.Builder health = this.keys.hasUsableKey(now) ? Health.up() : Health.down();
        health.withDetail("mode", mode(all));
        health.withDetail("keyIds", all.stream().map(VerificationKey::id).sorted().toList());
        all.stream()
            .filter((key) -> key.usableAt(now))
            .map(VerificationKey::notAfter)
            .filter(Objects::nonNull)
            .min(Instant::compareTo)
            .ifPresent((expiry) -> health.withDetail("daysUntilCertificateExpiry", Duration.between(now, expiry).toDays()));
        if (this.certificates != null) {
            RefreshResult last = this.certificates.lastResult();
            if (last != null) {
                health.withDetail("lastRefresh", last.at().toString());
                health.withDetail("lastRefreshSuccessful", last.successful());
                if (last.error() != null) {
                    health.withDetail("lastRefreshError", last.error());
                }
            }
        }
        return health.build();
    }

    private static String mode(List<VerificationKey> keys) {
        boolean publicKey = keys.stream().anyMatch((key) -> key.kind() == VerificationKey.Kind.PUBLIC_KEY);
        boolean certificate = keys.stream().anyMatch((key) -> key.kind() == VerificationKey.Kind.CERTIFICATE);
        if (publicKey && certificate) {
            return "MIXED";
        }
        return publicKey ? "PUBLIC_KEY" : certificate ? "CERTIFICATE" : "NONE";
    }
}
