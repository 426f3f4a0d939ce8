package io.github.discountcard.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The simulator's TLS identity: a freshly generated RSA key pair and a self-signed server certificate for the host
 * names and addresses a client uses to reach it. The application under test trusts exactly this certificate (e.g.
 * through a Spring Boot SSL bundle reading {@link #writeCertificate(Path) the written PEM file}), so it can keep
 * refusing plain http to anything but loopback.
 *
 * <pre>{@code
 * SimulatorTls tls = SimulatorTls.generate(List.of("localhost", "127.0.0.1"));
 * tls.writeCertificate(Path.of("build/simulator.crt"));
 * DiscountCardSimulator simulator = DiscountCardSimulator.builder().tls(tls).build().start(); // https://…
 * }</pre>
 *
 * The private key never leaves this object: {@link #toString()} shows the names only.
 */
public final class SimulatorTls {

    /** Backdated so that a client whose clock is a little behind accepts the certificate at once. */
    private static final Duration BACKDATE = Duration.ofDays(1);

    private static final Duration VALIDITY = Duration.ofDays(365);

    private final List<String> names;

    private final KeyPair keyPair;

    private final X509Certificate certificate;

    private SimulatorTls(List<String> names, KeyPair keyPair, X509Certificate certificate) {
        this.names = names;
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /**
     * Generates a key pair (RSA 2048, some 100 ms) and a certificate valid for a year.
     * @param names the host names and IP addresses the certificate is for (subject alternative names), e.g.
     * {@code localhost}, {@code 127.0.0.1} or a docker-compose service name
     * @throws IllegalArgumentException when no name is given or a name is blank
     */
    public static SimulatorTls generate(List<String> names) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String name : Objects.requireNonNull(names, "names")) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("TLS host names must not be blank but were " + names);
            }
            distinct.add(name.strip());
        }
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("TLS needs at least one host name or IP address");
        }
        List<String> sans = List.copyOf(distinct);
        KeyPair keyPair = TestMerchant.rsaKeyPair();
        Instant now = Instant.now();
        return new SimulatorTls(sans, keyPair,
                SelfSignedCertificates.server(keyPair, sans, now.minus(BACKDATE), now.plus(VALIDITY)));
    }

    /** The host names and addresses the certificate names. */
    public List<String> names() {
        return this.names;
    }

    public X509Certificate certificate() {
        return this.certificate;
    }

    /** The certificate as PEM, what a client's trust store (or an SSL bundle's {@code truststore.certificate}) reads. */
    public String certificatePem() {
        return PemWriter.certificate(this.certificate);
    }

    /**
     * Writes {@link #certificatePem()} to the file (creating its directories), replacing it if present.
     * @return the file
     */
    public Path writeCertificate(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Writing the simulator's TLS certificate to " + file + " failed", ex);
        }
    }

    PrivateKey privateKey() {
        return this.keyPair.getPrivate();
    }

    @Override
    public String toString() {
        return "SimulatorTls" + this.names;
    }
}
