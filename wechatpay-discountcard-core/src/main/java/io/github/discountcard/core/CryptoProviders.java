package io.github.discountcard.core;

import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Chooses the JCA provider that signs requests and verifies responses ({@code SHA256withRSA}).
 * <p>
 * RSA-2048 signing is the client's dominant cost, and the Amazon Corretto Crypto Provider (ACCP, AWS-LC inside)
 * signs about four times as fast as the JDK. ACCP is an optional dependency: it is looked up by reflection, so
 * this class compiles and runs without it. PKCS#1 v1.5 signatures are deterministic, so every provider produces
 * the same bytes for the same key and message: the choice changes speed, never the wire.
 * <p>
 * Choices:
 * <ul>
 * <li>{@value #AUTO}: ACCP when its class is on the classpath and it reports healthy, else the JDK's providers
 * (quietly: the reason is in {@link #accpUnavailableReason()});</li>
 * <li>{@value #JDK}: the JDK's providers ({@code null});</li>
 * <li>{@value #ACCP}: ACCP, or a {@link CryptoException} saying why it cannot be used;</li>
 * <li>any other text: the installed provider of that name ({@link Security#getProvider(String)}).</li>
 * </ul>
 * Nothing here installs a provider or changes any JVM-wide state: the returned instance is meant to be passed
 * to {@link RequestSigner} and {@link VerificationKey}, which use it for their own {@code Signature} objects only.
 */
public final class CryptoProviders {

    /** Use ACCP when it is there and healthy, else the JDK. */
    public static final String AUTO = "auto";

    /** Use the JDK's providers. */
    public static final String JDK = "jdk";

    /** Require the Amazon Corretto Crypto Provider. */
    public static final String ACCP = "accp";

    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private static final String ACCP_ARTIFACT = "software.amazon.cryptools:AmazonCorrettoCryptoProvider "
            + "(classifier linux-x86_64, linux-aarch64 or osx-*)";

    /** ACCP's state never changes after its class is initialised: probe once per class loader of this class. */
    private static volatile @Nullable Availability accp;

    private CryptoProviders() {
    }

    /**
     * Resolves a choice to a provider.
     * @param choice {@value #AUTO}, {@value #JDK}, {@value #ACCP} or the name of an installed provider (case does
     * not matter for the three keywords; a blank choice means {@value #AUTO})
     * @return the provider to sign and verify with, or {@code null} for the JDK's providers
     * @throws CryptoException when ACCP is required but unusable, or no provider has that name or it has no
     * {@code SHA256withRSA}
     */
    public static @Nullable Provider resolve(@Nullable String choice) {
        return resolve(choice, CryptoProviders::accp, Security::getProvider);
    }

    /** The choice logic, apart from class loading and the JVM's provider list (so both can be tested). */
    static @Nullable Provider resolve(@Nullable String choice, Supplier<Availability> accp,
            Function<String, @Nullable Provider> installed) {
        String normalized = (choice == null || choice.isBlank()) ? AUTO : choice.trim();
        switch (normalized.toLowerCase(Locale.ROOT)) {
            case AUTO: {
                return accp.get().provider();
            }
            case JDK: {
                return null;
            }
            case ACCP: {
                Availability availability = accp.get();
                if (availability.provider() == null) {
                    throw new CryptoException("The crypto provider 'accp' (Amazon Corretto Crypto Provider) was "
                            + "required but cannot be used: " + availability.reason() + ". Add " + ACCP_ARTIFACT
                            + " for this platform, or choose 'auto' or 'jdk'", availability.error());
                }
                return availability.provider();
            }
            default: {
                Provider provider = installed.apply(normalized);
                if (provider == null) {
                    throw new CryptoException("No crypto provider named '" + normalized + "' is installed; choose "
                            + "'auto', 'jdk', 'accp' or one of " + installedNames());
                }
                if (provider.getService("Signature", SignaturePool.ALGORITHM) == null) {
                    throw new CryptoException("The crypto provider '" + provider.getName() + "' has no "
                            + SignaturePool.ALGORITHM + " signature; choose 'auto', 'jdk' or another provider");
                }
                return provider;
            }
        }
    }

    /**
     * One line for the startup log: which provider signs and verifies, with its version.
     * @param provider what {@link #resolve} returned; {@code null} for the JDK's providers
     */
    public static String describe(@Nullable Provider provider) {
        if (provider == null) {
            Provider jdk = jdkSignatureProvider();
            return "the JDK's default providers (" + SignaturePool.ALGORITHM + " from "
                    + ((jdk != null) ? jdk.getName() + " " + jdk.getVersionStr() : "no installed provider") + ")";
        }
        if (provider.getClass().getName().equals(ACCP_CLASS)) {
            String awsLc = invokeString(provider, "getAwsLcVersionStr");
            String version = invokeString(provider, "getVersionStr");
            return "Amazon Corretto Crypto Provider " + ((version != null) ? version : provider.getVersionStr())
                    + ((awsLc != null) ? " (" + awsLc + ")" : "");
        }
        return provider.getName() + " " + provider.getVersionStr();
    }

    /**
     * Why ACCP is not used in {@value #AUTO} mode, for a log line; {@code null} when it is available.
     */
    public static @Nullable String accpUnavailableReason() {
        Availability availability = accp();
        return (availability.provider() == null) ? availability.reason() : null;
    }

    /** Whether ACCP is on the classpath and healthy. */
    public static boolean accpAvailable() {
        return accp().provider() != null;
    }

    static Availability accp() {
        Availability availability = accp;
        if (availability == null) {
            availability = probeAccp(CryptoProviders.class.getClassLoader());
            accp = availability;
        }
        return availability;
    }

    /**
     * Loads ACCP through reflection and checks that it works here: its native library loaded
     * ({@code getLoadingError() == null}), its self tests pass ({@code assertHealthy()}) and it offers
     * {@code SHA256withRSA}. Never throws.
     */
    static Availability probeAccp(@Nullable ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(ACCP_CLASS, true, loader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return Availability.unavailable("it is not on the classpath", null);
        }
        try {
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            Object loadingError = type.getMethod("getLoadingError").invoke(provider);
            if (loadingError instanceof Throwable error) {
                return Availability.unavailable("its native library did not load on this platform ("
                        + error.getClass().getSimpleName() + ")", error);
            }
            type.getMethod("assertHealthy").invoke(provider);
            if (provider.getService("Signature", SignaturePool.ALGORITHM) == null) {
                return Availability.unavailable("it offers no " + SignaturePool.ALGORITHM, null);
            }
            return new Availability(provider, "available", null);
        }
        catch (InvocationTargetException ex) {
            Throwable cause = Objects.requireNonNullElse(ex.getCause(), ex);
            return Availability.unavailable("it reports itself unhealthy (" + cause.getClass().getSimpleName()
                    + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "") + ")", cause);
        }
        catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
            return Availability.unavailable("it could not be initialised (" + ex.getClass().getSimpleName() + ")", ex);
        }
    }

    private static @Nullable Provider jdkSignatureProvider() {
        Provider[] providers = Security.getProviders("Signature." + SignaturePool.ALGORITHM);
        return (providers != null && providers.length > 0) ? providers[0] : null;
    }

    private static String installedNames() {
        return Arrays.stream(Security.getProviders()).map(Provider::getName)
            .collect(Collectors.joining(", ", "[", "]"));
    }

    private static @Nullable String invokeString(Provider provider, String method) {
        try {
            Object value = provider.getClass().getMethod(method).invoke(provider);
            return (value != null) ? value.toString() : null;
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            return null;
        }
    }

    /**
     * Whether a provider can be used, and why not.
     * @param provider the provider, or {@code null} when it cannot be used
     * @param reason a short text for logs and errors
     * @param error what went wrong, if anything was thrown
     */
    record Availability(@Nullable Provider provider, String reason, @Nullable Throwable error) {

        static Availability unavailable(String reason, @Nullable Throwable error) {
            return new Availability(null, reason, error);
        }
    }
}
