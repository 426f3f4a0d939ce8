package io.github.discountcard.core;

import static io.github.discountcard.core.TestMaterial.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class VerificationKeysTests {

    private final VerificationKey publicKey = VerificationKey.publicKey(TestMaterial.PLATFORM_PUBLIC_KEY_ID,
            TestMaterial.platformPublicKey(), null);

    private final VerificationKey otherPublicKey = VerificationKey.publicKey("PUB_KEY_ID_0114232134912410000000000001",
            TestMaterial.merchantPublicKey(), null);

    private final VerificationKey firstCertificate = VerificationKey.certificate(TestMaterial.platformCertificate(),
            null);

    private final VerificationKey secondCertificate = VerificationKey
        .certificate(PemKeys.certificate(text("generated/platform-second-certificate.pem")), null);

    @Test
    void startsEmpty() {
        VerificationKeys keys = new VerificationKeys();

        assertThat(keys.isEmpty()).isTrue();
        assertThat(keys.all()).isEmpty();
        assertThat(keys.find("5F3A9C01D2E4B6A8")).isNull();
        assertThat(keys.hasUsableKey(Instant.now())).isFalse();
    }

    @Test
    void findsKeysByIdOrSerial() {
        VerificationKeys keys = new VerificationKeys(List.of(this.publicKey, this.firstCertificate));

        assertThat(keys.isEmpty()).isFalse();
        assertThat(keys.find(TestMaterial.PLATFORM_PUBLIC_KEY_ID)).isSameAs(this.publicKey);
        assertThat(keys.find("5F3A9C01D2E4B6A8")).isSameAs(this.firstCertificate);
        assertThat(keys.find("1A2B3C4D5E6F7081")).isNull();
        assertThat(keys.all()).containsExactlyInAnyOrder(this.publicKey, this.firstCertificate);
    }

    @Test
    void hexSerialLookupIsCaseInsensitive() {
        VerificationKeys keys = new VerificationKeys(List.of(this.firstCertificate, this.secondCertificate));

        assertThat(keys.find("5f3a9c01d2e4b6a8")).isSameAs(this.firstCertificate);
        assertThat(keys.find("5F3a9C01d2E4b6A8")).isSameAs(this.firstCertificate);
        assertThat(keys.find("1a2b3c4d5e6f7081")).isSameAs(this.secondCertificate);
        assertThat(keys.find(" 1A2B3C4D5E6F7081 ")).isSameAs(this.secondCertificate);
    }

    @Test
    void putAddsOrReplacesOneKey() {
        VerificationKeys keys = new VerificationKeys();
        keys.put(this.firstCertificate);
        VerificationKey sameSerialAgain = VerificationKey.certificate(TestMaterial.platformCertificate(), null);

        keys.put(sameSerialAgain);

        assertThat(keys.all()).containsExactly(sameSerialAgain);
        assertThat(keys.find("5F3A9C01D2E4B6A8")).isSameAs(sameSerialAgain);
    }

    @Test
    void replaceCertificatesKeepsPublicKeysAndSwapsEveryCertificate() {
        VerificationKeys keys = new VerificationKeys(List.of(this.publicKey, this.otherPublicKey,
                this.firstCertificate));

        keys.replaceCertificates(List.of(this.secondCertificate));

        assertThat(keys.all()).containsExactlyInAnyOrder(this.publicKey, this.otherPublicKey, this.secondCertificate);
        assertThat(keys.find("5F3A9C01D2E4B6A8")).isNull();
        assertThat(keys.find("1A2B3C4D5E6F7081")).isSameAs(this.secondCertificate);
        assertThat(keys.find(TestMaterial.PLATFORM_PUBLIC_KEY_ID)).isSameAs(this.publicKey);
    }

    @Test
    void replaceCertificatesWithNoneRemovesCertificatesOnly() {
        VerificationKeys keys = new VerificationKeys(List.of(this.publicKey, this.firstCertificate));

        keys.replaceCertificates(List.of());

        assertThat(keys.all()).containsExactly(this.publicKey);
    }

    @Test
    void replaceCertificatesWithSeveralCertificates() {
        VerificationKeys keys = new VerificationKeys(List.of(this.publicKey));

        keys.replaceCertificates(List.of(this.firstCertificate, this.secondCertificate));

        assertThat(keys.all()).containsExactlyInAnyOrder(this.publicKey, this.firstCertificate,
                this.secondCertificate);
    }

    @Test
    void replaceCertificatesRefusesAPublicKeyAndChangesNothing() {
        VerificationKeys keys = new VerificationKeys(List.of(this.publicKey, this.firstCertificate));

        assertThatIllegalArgumentException()
            .isThrownBy(() -> keys.replaceCertificates(List.of(this.secondCertificate, this.otherPublicKey)))
            .withMessageContaining("not a certificate");

        assertThat(keys.all()).containsExactlyInAnyOrder(this.publicKey, this.firstCertificate);
    }

    @Test
    void replaceCertificatesIsAtomicForConcurrentReaders() throws Exception {
        VerificationKeys keys = new VerificationKeys(List.of(this.publicKey, this.firstCertificate));
        Set<String> first = Set.of(TestMaterial.PLATFORM_PUBLIC_KEY_ID, "5F3A9C01D2E4B6A8");
        Set<String> second = Set.of(TestMaterial.PLATFORM_PUBLIC_KEY_ID, "1A2B3C4D5E6F7081");
        Set<Set<String>> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                readers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        Set<String> ids = keys.all().stream().map(VerificationKey::id).collect(Collectors.toSet());
                        if (!ids.equals(first) && !ids.equals(second)) {
                            throw new AssertionError("a reader saw a half-replaced key set: " + ids);
                        }
                        seen.add(ids);
                        // the public key is always there, whatever the certificates are doing
                        if (keys.find(TestMaterial.PLATFORM_PUBLIC_KEY_ID) == null) {
                            throw new AssertionError("the public key disappeared during a certificate refresh");
                        }
                    }
                    return null;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    keys.replaceCertificates(List.of((i % 2 == 0) ? this.secondCertificate : this.firstCertificate));
                }
                return null;
            });
            writer.get(1, TimeUnit.MINUTES);
            stop.set(true);
            for (Future<?> reader : readers) {
                reader.get(1, TimeUnit.MINUTES);
            }
        }
        finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(seen).isSubsetOf(Set.of(first, second)).isNotEmpty();
    }

    @Test
    void hasUsableKeyFollowsCertificateValidity() {
        VerificationKeys certificatesOnly = new VerificationKeys(List.of(this.firstCertificate));
        VerificationKeys withPublicKey = new VerificationKeys(List.of(this.firstCertificate, this.publicKey));
        Instant afterExpiry = TestMaterial.CERT_NOT_AFTER.plusSeconds(1);

        assertThat(certificatesOnly.hasUsableKey(Instant.parse("2030-01-01T00:00:00Z"))).isTrue();
        assertThat(certificatesOnly.hasUsableKey(afterExpiry)).isFalse();
        assertThat(withPublicKey.hasUsableKey(afterExpiry)).isTrue();
    }

    @Test
    void preferredIdIsThePublicKeyWhenThereIsOne() {
        VerificationKeys keys = new VerificationKeys(List.of(this.firstCertificate, this.publicKey,
                this.secondCertificate));

        assertThat(keys.preferredId(Instant.parse("2030-01-01T00:00:00Z")))
            .isEqualTo(TestMaterial.PLATFORM_PUBLIC_KEY_ID);
        assertThat(keys.preferredId(TestMaterial.CERT_NOT_AFTER.plusSeconds(86_400)))
            .isEqualTo(TestMaterial.PLATFORM_PUBLIC_KEY_ID);
    }

    @Test
    void preferredIdIsTheUsableCertificateThatExpiresLast() {
        // the second certificate was made after the vector one, with the same 20-year validity: it expires last
        assertThat(this.secondCertificate.notAfter()).isAfter(this.firstCertificate.notAfter());
        VerificationKeys keys = new VerificationKeys(List.of(this.firstCertificate, this.secondCertificate));

        assertThat(keys.preferredId(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo("1A2B3C4D5E6F7081");
        // before the second one's notBefore only the vector certificate is usable
        assertThat(keys.preferredId(this.secondCertificate.certificate().getNotBefore().toInstant().minusSeconds(1)))
            .isEqualTo("5F3A9C01D2E4B6A8");
    }

    @Test
    void preferredIdIsNullWithoutAUsableKey() {
        assertThat(new VerificationKeys().preferredId(Instant.parse("2030-01-01T00:00:00Z"))).isNull();
        assertThat(new VerificationKeys(List.of(this.firstCertificate))
            .preferredId(TestMaterial.CERT_NOT_AFTER.plusSeconds(1))).isNull();
    }

    @Test
    void allIsASnapshotThatCannotBeModified() {
        VerificationKeys keys = new VerificationKeys(List.of(this.publicKey));
        List<VerificationKey> snapshot = keys.all();

        keys.put(this.firstCertificate);

        assertThat(snapshot).containsExactly(this.publicKey);
        assertThatThrownBy(() -> snapshot.add(this.secondCertificate))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringListsIdsOnly() {
        VerificationKeys keys = new VerificationKeys(List.of(this.publicKey, this.firstCertificate));

        assertThat(keys.toString()).contains("5F3A9C01D2E4B6A8").contains(TestMaterial.PLATFORM_PUBLIC_KEY_ID);
        TestMaterial.assertNoKeyText(keys.toString(), TestMaterial.vectorText("platform-test-public-key.pem"));
    }
}
