package io.github.discountcard.test;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import io.github.discountcard.core.KeyMaterialException;
import io.github.discountcard.core.PemKeys;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link DiscountCardSimulator} as a process of its own (e.g. in a container), configured from environment
 * variables so that a client in another process can use it:
 *
 * <pre>
 * java -jar wechatpay-discountcard-test-VERSION-standalone.jar [port]
 * </pre>
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><th>variable</th><th>meaning</th></tr>
 * <tr><td>{@value #PORT}</td><td>the port to bind (the first argument wins); {@value #DEFAULT_PORT} by default, 0 for
 * a random free port</td></tr>
 * <tr><td>{@value #HOST}</td><td>the address to bind; {@value #DEFAULT_HOST} (loopback only) by default; {@code 0.0.0.0}
 * for every interface, as a container needs</td></tr>
 * <tr><td>{@value #MCH_ID}, {@value #MERCHANT_SERIAL_NUMBER}, {@value #MERCHANT_PUBLIC_KEY}</td><td>the merchant to
 * register: its id, API certificate serial number and public key (PEM text or the path of a PEM file); all three or
 * none (then no merchant is registered and every request is refused)</td></tr>
 * <tr><td>{@value #MERCHANT_API_V3_KEY}</td><td>optional: the merchant's 32-character APIv3 key</td></tr>
 * <tr><td>{@value #PLATFORM_PRIVATE_KEY}, {@value #PLATFORM_PUBLIC_KEY_ID}</td><td>the WeChat Pay platform private key
 * (PEM text or the path of a PEM file; PKCS#8 or PKCS#1, RSA) that signs responses and its {@code PUB_KEY_ID_…} id, so
 * the client knows the public key up front; both or none (then a key pair is generated and its public key PEM and id
 * are printed)</td></tr>
 * <tr><td>{@value #PLATFORM_PUBLIC_KEY_FILE}</td><td>optional: where to write the WeChat Pay public key (PEM) that
 * clients verify responses with, generated or derived from {@value #PLATFORM_PRIVATE_KEY}</td></tr>
 * <tr><td>{@value #ORDERS}</td><td>optional: out_order_no values to seed, separated by commas</td></tr>
 * <tr><td>{@value #CARD_TEMPLATES}</td><td>optional: card template ids to register, separated by commas; each gets
 * the objectives and rewards of {@link CardTemplate#sample(String)}</td></tr>
 * <tr><td>{@value #TLS}</td><td>{@code true} to serve https with a generated self-signed certificate; {@code false} by
 * default</td></tr>
 * <tr><td>{@value #TLS_HOSTNAMES}</td><td>with TLS: the host names and IP addresses the certificate names, separated by
 * commas; {@value #DEFAULT_TLS_HOSTNAMES} (plus a specific {@value #HOST}) by default</td></tr>
 * <tr><td>{@value #TLS_CERTIFICATE_FILE}</td><td>with TLS: where to write the certificate (PEM) for clients to trust;
 * it is printed in any case</td></tr>
 * </table>
 *
 * A PEM value may have its line breaks written as {@code \n} (as {@code docker run --env-file} needs); a value without
 * {@code -----BEGIN} is read as a file path. When the simulator listens it prints
 * {@code DiscountCardSimulator ready on http://HOST:PORT} ({@code https://} with TLS); it stops on SIGTERM (or
 * Ctrl-C). A bad setting prints what is wrong to standard error and exits with status 2. Private key material is
 * never printed.
 */
public final class SimulatorMain {

    public static final String PORT = "SIMULATOR_PORT";

    public static final String HOST = "SIMULATOR_HOST";

    public static final String MCH_ID = "SIMULATOR_MCH_ID";

    public static final String MERCHANT_SERIAL_NUMBER = "SIMULATOR_MERCHANT_SERIAL_NUMBER";

    public static final String MERCHANT_PUBLIC_KEY = "SIMULATOR_MERCHANT_PUBLIC_KEY";

    public static final String MERCHANT_API_V3_KEY = "SIMULATOR_MERCHANT_API_V3_KEY";

    public static final String PLATFORM_PRIVATE_KEY = "SIMULATOR_PLATFORM_PRIVATE_KEY";

    public static final String PLATFORM_PUBLIC_KEY_ID = "SIMULATOR_PLATFORM_PUBLIC_KEY_ID";

    public static final String ORDERS = "SIMULATOR_ORDERS";

    /** Card template ids to register (the objectives and rewards of {@link CardTemplate#sample(String)}). */
    public static final String CARD_TEMPLATES = "SIMULATOR_CARD_TEMPLATES";

    public static final String PLATFORM_PUBLIC_KEY_FILE = "SIMULATOR_PLATFORM_PUBLIC_KEY_FILE";

    public static final String TLS = "SIMULATOR_TLS";

    public static final String TLS_HOSTNAMES = "SIMULATOR_TLS_HOSTNAMES";

    public static final String TLS_CERTIFICATE_FILE = "SIMULATOR_TLS_CERTIFICATE_FILE";

    public static final String DEFAULT_TLS_HOSTNAMES = "localhost,127.0.0.1";

    public static final int DEFAULT_PORT = 8080;

    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The start of the line printed once the simulator listens; the base URL follows. */
    public static final String READY = "DiscountCardSimulator ready on ";

    private static final int EXIT_BAD_SETTINGS = 2;

    private static final String PEM_START = "-----BEGIN";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DiscountCardSimulator simulator;
        try {
            simulator = start(System.getenv(), Arrays.asList(args), System.out);
        }
        catch (IllegalArgumentException | IllegalStateException | UncheckedIOException ex) {
            System.err.println("DiscountCardSimulator not started: " + ex.getMessage());
            System.exit(EXIT_BAD_SETTINGS);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("DiscountCardSimulator stopping");
            simulator.close();
            stopped.countDown();
        }, "discountcard-simulator-shutdown"));
        System.out.println(READY + simulator.baseUrl());
        System.out.flush();
        // the server's event loops are daemon threads: keep the JVM alive until SIGTERM runs the hook
        stopped.await();
    }

    /**
     * Reads the settings, builds and starts the simulator, registers the merchant and seeds the orders: everything
     * {@link #main(String[])} does except printing the ready line and waiting for SIGTERM.
     * @param env the environment variables
     * @param args the command-line arguments: an optional port
     * @param out where to print what was configured (never secrets)
     * @return the started simulator; the caller closes it
     * @throws IllegalArgumentException naming the variable when a setting is missing or invalid
     */
    public static DiscountCardSimulator start(Map<String, String> env, List<String> args, PrintStream out) {
        Settings settings = Settings.from(env, args);
        DiscountCardSimulator.Builder builder = DiscountCardSimulator.builder()
            .host(settings.host())
            .port(settings.port());
        Platform platform = settings.platform();
        if (platform != null) {
            builder.platformKey(platform.keyPair(), platform.publicKeyId());
        }
        Tls tls = settings.tls();
        if (tls != null) {
            SimulatorTls identity = SimulatorTls.generate(tls.hostnames());
            builder.tls(identity);
            out.println("TLS certificate for " + String.join(", ", identity.names()) + ":");
            out.print(identity.certificatePem());
            if (tls.certificateFile() != null) {
                identity.writeCertificate(tls.certificateFile());
                out.println("TLS certificate written to " + tls.certificateFile().toAbsolutePath());
            }
        }
        DiscountCardSimulator simulator = builder.build();
        Merchant merchant = settings.merchant();
        if (merchant != null) {
            if (merchant.apiV3Key() != null) {
                simulator.registerMerchant(merchant.mchId(), merchant.serialNumber(), merchant.publicKey(),
                        merchant.apiV3Key());
            }
            else {
                simulator.registerMerchant(merchant.mchId(), merchant.serialNumber(), merchant.publicKey());
            }
            out.println("Merchant " + merchant.mchId() + " registered with serial " + merchant.serialNumber());
        }
        else {
            out.println("No merchant configured (" + MCH_ID + "): every request will be refused");
        }
        for (String order : settings.orders()) {
            simulator.createOrder(order);
        }
        if (!settings.orders().isEmpty()) {
            out.println("Orders seeded: " + String.join(", ", settings.orders()));
        }
        for (String template : settings.cardTemplates()) {
            simulator.registerCardTemplate(CardTemplate.sample(template));
        }
        if (!settings.cardTemplates().isEmpty()) {
            out.println("Card templates registered: " + String.join(", ", settings.cardTemplates()));
        }
        if (platform == null) {
            out.println("Generated WeChat Pay public key " + simulator.platformPublicKeyId() + ":");
            out.print(PemWriter.publicKey(simulator.platformPublicKey()));
        }
        else {
            out.println("Signing responses with WeChat Pay public key " + simulator.platformPublicKeyId());
        }
        Path publicKeyFile = settings.platformPublicKeyFile();
        if (publicKeyFile != null) {
            writeFile(publicKeyFile, PemWriter.publicKey(simulator.platformPublicKey()), "the WeChat Pay public key");
            out.println("WeChat Pay public key " + simulator.platformPublicKeyId() + " written to "
                    + publicKeyFile.toAbsolutePath());
        }
        return simulator.start();
    }

    private static void writeFile(Path file, String text, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Writing " + what + " to " + file + " failed", ex);
        }
    }

    /** The merchant to register. */
    record Merchant(String mchId, String serialNumber, PublicKey publicKey, @Nullable String apiV3Key) {

        @Override
        public String toString() {
            return "Merchant[" + this.mchId + ", " + this.serialNumber + ", apiV3Key="
                    + ((this.apiV3Key != null) ? "******" : "none") + "]";
        }
    }

    /** The WeChat Pay public key pair that signs responses, and its id. */
    record Platform(KeyPair keyPair, String publicKeyId) {

        @Override
        public String toString() {
            return "Platform[" + this.publicKeyId + "]";
        }
    }

    /** https with a generated certificate for these names, written to the file when one is given. */
    record Tls(List<String> hostnames, @Nullable Path certificateFile) {
    }

    /**
     * The parsed settings; every value is checked.
     * @param merchant null when no merchant is configured
     * @param platform null when the simulator is to generate its key pair
     * @param platformPublicKeyFile null when the platform public key is only printed (when generated)
     * @param tls null for plain http
     */
    record Settings(String host, int port, @Nullable Merchant merchant, @Nullable Platform platform,
            @Nullable Path platformPublicKeyFile, List<String> orders, List<String> cardTemplates, @Nullable Tls tls) {

        static Settings from(Map<String, String> env, List<String> args) {
            if (args.size() > 1) {
                throw new IllegalArgumentException("Expected at most one argument, the port, but got " + args);
            }
            int port = args.isEmpty() ? port(value(env, PORT), PORT) : port(args.get(0), "The port argument");
            String host = value(env, HOST);
            Map<String, String> merchantValues = group(env, MCH_ID, MERCHANT_SERIAL_NUMBER, MERCHANT_PUBLIC_KEY);
            Map<String, String> platformValues = group(env, PLATFORM_PRIVATE_KEY, PLATFORM_PUBLIC_KEY_ID);
            String apiV3Key = value(env, MERCHANT_API_V3_KEY);
            if (apiV3Key != null && merchantValues.isEmpty()) {
                throw new IllegalArgumentException(MERCHANT_API_V3_KEY + " is set but no merchant is: set " + MCH_ID
                        + ", " + MERCHANT_SERIAL_NUMBER + " and " + MERCHANT_PUBLIC_KEY + " too");
            }
            if (apiV3Key != null && apiV3Key.length() != 32) {
                throw new IllegalArgumentException(MERCHANT_API_V3_KEY + " must have 32 characters but has "
                        + apiV3Key.length());
            }
            Merchant merchant = merchantValues.isEmpty() ? null
                    : new Merchant(Objects.requireNonNull(merchantValues.get(MCH_ID)),
                            Objects.requireNonNull(merchantValues.get(MERCHANT_SERIAL_NUMBER)),
                            publicKey(Objects.requireNonNull(merchantValues.get(MERCHANT_PUBLIC_KEY))), apiV3Key);
            Platform platform = platformValues.isEmpty() ? null
                    : platform(keyPair(Objects.requireNonNull(platformValues.get(PLATFORM_PRIVATE_KEY))),
                            Objects.requireNonNull(platformValues.get(PLATFORM_PUBLIC_KEY_ID)));
            String bindHost = (host != null) ? host : DEFAULT_HOST;
            String publicKeyFile = value(env, PLATFORM_PUBLIC_KEY_FILE);
            return new Settings(bindHost, port, merchant, platform,
                    (publicKeyFile != null) ? path(publicKeyFile, PLATFORM_PUBLIC_KEY_FILE) : null,
                    values(value(env, ORDERS), CardCatalog::checkOutOrderNo),
                    values(value(env, CARD_TEMPLATES), Settings::checkCardTemplateId), tls(env, bindHost));
        }

        private static @Nullable Tls tls(Map<String, String> env, String host) {
            String enabled = value(env, TLS);
            String hostnames = value(env, TLS_HOSTNAMES);
            String file = value(env, TLS_CERTIFICATE_FILE);
            if (enabled != null && !enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(TLS + " must be true or false but was '" + enabled + "'");
            }
            if (enabled == null || enabled.equalsIgnoreCase("false")) {
                if (hostnames != null || file != null) {
                    throw new IllegalArgumentException(((hostnames != null) ? TLS_HOSTNAMES : TLS_CERTIFICATE_FILE)
                            + " is set but TLS is off: set " + TLS + "=true too");
                }
                return null;
            }
            List<String> names = new ArrayList<>();
            String given = (hostnames != null) ? hostnames : DEFAULT_TLS_HOSTNAMES;
            for (String name : given.split(",")) {
                if (!name.isBlank() && !names.contains(name.strip())) {
                    names.add(name.strip());
                }
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException(TLS_HOSTNAMES + " names no host: '" + hostnames + "'");
            }
            if (hostnames == null && !isWildcard(host) && !names.contains(host)) {
                names.add(host);
            }
            return new Tls(List.copyOf(names), (file != null) ? path(file, TLS_CERTIFICATE_FILE) : null);
        }

        private static Path path(String value, String name) {
            try {
                return Path.of(value);
            }
            catch (InvalidPathException ex) {
                throw new IllegalArgumentException(name + " must be a file path but was '" + value + "'", ex);
            }
        }

        private static boolean isWildcard(String host) {
            return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        }

        /** The trimmed value, or null when unset or blank. */
        private static @Nullable String value(Map<String, String> env, String name) {
            String value = env.get(name);
            return (value == null || value.isBlank()) ? null : value.strip();
        }

        /** Variables that go together: all set (their values by name), or none (an empty map). */
        private static Map<String, String> group(Map<String, String> env, String... names) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (String name : names) {
                String value = value(env, name);
                if (value != null) {
                    values.put(name, value);
                }
                else {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty() && !values.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", names) + " go together, but "
                        + String.join(", ", missing) + ((missing.size() == 1) ? " is" : " are") + " not set");
            }
            return values;
        }

        private static int port(@Nullable String text, String what) {
            if (text == null) {
                return DEFAULT_PORT;
            }
            try {
                int port = Integer.parseInt(text.strip());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            }
            catch (NumberFormatException ex) {
                // reported below
            }
            throw new IllegalArgumentException(what + " must be a port number from 0 to 65535 but was '" + text + "'");
        }

        /** Distinct values separated by commas, each checked. */
        private static List<String> values(@Nullable String text, Consumer<String> check) {
            List<String> values = new ArrayList<>();
            if (text != null) {
                for (String value : text.split(",")) {
                    if (!value.isBlank() && !values.contains(value.strip())) {
                        check.accept(value.strip());
                        values.add(value.strip());
                    }
                }
            }
            return List.copyOf(values);
        }

        private static void checkCardTemplateId(String id) {
            if (id.length() > 64) {
                throw new IllegalArgumentException(CARD_TEMPLATES + " names a template id of more than 64 characters: '"
                        + id + "'");
            }
        }

        private static PublicKey publicKey(String value) {
            try {
                return PemKeys.publicKey(pem(value, MERCHANT_PUBLIC_KEY, true));
            }
            catch (KeyMaterialException ex) {
                throw new IllegalArgumentException(MERCHANT_PUBLIC_KEY + ": " + ex.getMessage(), ex);
            }
        }

        private static Platform platform(KeyPair keyPair, String publicKeyId) {
            try {
                new PlatformKeys.GivenKey(keyPair, publicKeyId); // the checks of Builder#platformKey
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(PLATFORM_PUBLIC_KEY_ID + ": " + ex.getMessage(), ex);
            }
            return new Platform(keyPair, publicKeyId);
        }

        /** The platform key pair, its public half derived from the private key's modulus and exponent. */
        private static KeyPair keyPair(String value) {
            PrivateKey privateKey;
            try {
                privateKey = PemKeys.privateKey(pem(value, PLATFORM_PRIVATE_KEY, false));
            }
            catch (KeyMaterialException ex) {
                throw new IllegalArgumentException(PLATFORM_PRIVATE_KEY + ": " + ex.getMessage(), ex);
            }
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalArgumentException(PLATFORM_PRIVATE_KEY + " must be an RSA private key with its "
                        + "CRT parameters (PKCS#8 or PKCS#1 as OpenSSL writes them)");
            }
            BigInteger modulus = crt.getModulus();
            try {
                PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, crt.getPublicExponent()));
                return new KeyPair(publicKey, privateKey);
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalArgumentException(PLATFORM_PRIVATE_KEY + ": no public key can be derived ("
                        + ex.getClass().getSimpleName() + ")", ex);
            }
        }

        /**
         * PEM text (with line breaks written as {@code \n}, as an env file has to, or real ones), or else the path of a
         * PEM file. A value that may be a pasted secret is never echoed.
         */
        private static String pem(String value, String name, boolean mayEcho) {
            if (value.contains(PEM_START)) {
                return (value.indexOf('\n') < 0) ? value.replace("\\n", "\n") : value;
            }
            Path file;
            try {
                file = Path.of(value);
            }
            catch (InvalidPathException ex) {
                file = null;
            }
            if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException(name + " must be PEM text (" + PEM_START + " …) or the path of a "
                        + "readable PEM file, but " + (mayEcho ? "'" + value + "' is neither" : "is neither (value not shown)"));
            }
            try {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            catch (IOException | UncheckedIOException ex) {
                throw new IllegalArgumentException(name + ": the file " + file + " cannot be read ("
                        + ex.getClass().getSimpleName() + ")", ex);
            }
        }
    }
}
