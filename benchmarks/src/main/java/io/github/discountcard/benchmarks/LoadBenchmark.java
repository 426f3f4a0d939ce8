package io.github.discountcard.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.auth.Credential;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.util.PemUtil;
import io.github.discountcard.client.WebClientDiscountCardClient;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.core.CryptoProviders;
import io.github.discountcard.core.RequestSigner;
import io.github.discountcard.core.ResponseSignature;
import io.github.discountcard.core.ResponseVerifier;
import io.github.discountcard.core.VerificationKey;
import io.github.discountcard.core.VerificationKeys;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loopback load benchmark: in one JVM and one run, the same GET against one fast local server (a separate
 * process, {@link LoopbackServer}) from
 * <ol>
 * <li>a raw Spring {@link WebClient}, no signing or verification (the floor),</li>
 * <li>this project's {@link WebClientDiscountCardClient} signing with ACCP,</li>
 * <li>the same client signing with the JDK's provider,</li>
 * <li>the official {@code wechatpay-java} SDK's {@link HttpClient} (OkHttp, JDK crypto, as it ships),</li>
 * <li>the same SDK with ACCP installed JVM-wide ({@link Security#insertProviderAt}) so that its own
 * {@code Signature.getInstance("SHA256withRSA")} gets ACCP,</li>
 * </ol>
 * each at every concurrency level (closed loop: that many requests always in flight), with a warm-up before
 * every measurement. It prints requests/s, the client process's CPU time per request (the server's is reported
 * apart: it is another process), the bytes the client threads allocated per request, and the ratios against the
 * targets, together with the cost of one signature and one verification measured in the same JVM.
 * <p>
 * Installing ACCP JVM-wide changes what every later {@code Signature.getInstance("SHA256withRSA")} in this JVM
 * returns, including the JDK-provider client's. So the JDK-provider rows of every level, and their
 * sign/verify micro-measurements, all run first; only then is ACCP installed (this is the benchmark program, not
 * library code: the library never changes JVM-wide state), the SDK + ACCP client is built (so the SDK parses its
 * keys with ACCP, as in an application that installs ACCP at startup), checked and measured at every level in turn
 * with ours on ACCP (which passes ACCP explicitly, so the install changes nothing for it), and ACCP is removed again
 * at the end. Each compared pair (ours and the SDK on one provider) runs in turn, {@code bench.rounds} (2) times per
 * level, the order reversed every other round; within a round both clients warm up, then take turns in slices of a
 * few seconds ({@code bench.slice}).
 * <p>
 * Then both pairs run once more, each client alone in a long-lived JVM of its own ({@link ClientJvm}: the SDK +
 * ACCP installs ACCP in its own JVM before it is built), with the same pre-flight checks, warm-up, rounds and
 * levels: in one JVM, the client measured right after another one may pay for the JIT recompiling the code they share
 * (Reactor, Netty, the JDK's crypto and collections), which a service that runs one client never does. Both methods
 * are reported, side by side.
 * <p>
 * Settings (system properties): {@code bench.warmup} and {@code bench.measure} seconds per client and level
 * (15 and 15); the warm-up goes on in 5 s steps while the JIT compiles more than {@code bench.jitQuiet} ms per
 * second (20), up to {@code bench.warmup.max} s in all (60); {@code bench.concurrency} (1,64), {@code bench.clients}
 * (raw,floor-accp,ours-accp,floor-jdk,ours-jdk,official,official-accp; official-accp always runs last, whatever
 * its place here),
 * {@code bench.micro} seconds per crypto micro-measurement (3); on a shared machine, {@code bench.maxOther} (0.10):
 * the share of all CPUs other processes may use during a measurement before it is repeated once
 * ({@code bench.retries}, 1), after waiting up to {@code bench.quietWait} s (90) for the machine to calm down;
 * the cold starts ({@link ColdStart}): {@code bench.cold} (true), {@code bench.cold.concurrency} (64),
 * {@code bench.cold.seconds} (5), {@code bench.cold.runs} (2); {@code bench.slice} (3), seconds per slice when
 * each round's measurement is cut into slices the two clients of a pair take in turn (0: one whole phase each);
 * {@code bench.separate} (true), whether the pairs
 * also run each in a JVM of its own, and {@code bench.worker.jvmArgs}, options for those JVMs (none);
 * {@code bench.chart}, where the SVG chart goes.
 * Loopback only; every loop has a deadline; the server process ends with this one.
 */
public final class LoadBenchmark {

    static final String RAW = "raw";

    /** The floor of the CPU target: a raw WebClient that signs each request and verifies each answer, with ACCP. */
    static final String FLOOR_ACCP = "floor-accp";

    /** The same floor with the JDK's provider. */
    static final String FLOOR_JDK = "floor-jdk";

    static final String OURS_ACCP = "ours-accp";

    /**
     * Ours with a {@code SHA256withRSA} that does nothing ({@link NoCryptoProvider}); with {@link #FLOOR_NONE}, not
     * run by default: what our layer costs besides the crypto, without the crypto's noise.
     */
    static final String OURS_NONE = "ours-none";

    /** The floor with the do-nothing {@code SHA256withRSA}. */
    static final String FLOOR_NONE = "floor-none";

    static final String OURS_JDK = "ours-jdk";

    static final String OFFICIAL = "official";

    /** The official SDK after ACCP was installed JVM-wide; measured last. */
    static final String OFFICIAL_ACCP = "official-accp";

    /** Only a sign/verify micro-measurement: the SDK with ACCP installed, but keys the JDK parsed before. */
    static final String OFFICIAL_ACCP_JDK_KEYS = "official-accp-jdk-keys";

    private static final List<String> ALL_CLIENTS = List.of(RAW, FLOOR_ACCP, OURS_ACCP, FLOOR_JDK, OURS_JDK, OFFICIAL,
            OFFICIAL_ACCP);

    /** Every client a run may name, in the order of the tables. */
    private static final List<String> KNOWN_CLIENTS = List.of(RAW, FLOOR_NONE, OURS_NONE, FLOOR_ACCP, OURS_ACCP,
            FLOOR_JDK, OURS_JDK, OFFICIAL, OFFICIAL_ACCP);

    private static final Map<String, String> LABELS = Map.of(RAW, "raw WebClient (no signing)", FLOOR_ACCP,
            "raw WebClient + sign + verify, ACCP", FLOOR_JDK, "raw WebClient + sign + verify, JDK", OURS_ACCP,
            "ours, ACCP", OURS_JDK, "ours, JDK provider", OFFICIAL, "official SDK 0.2.17 (OkHttp, JDK)",
            OFFICIAL_ACCP, "official SDK + ACCP (installed JVM-wide)", OFFICIAL_ACCP_JDK_KEYS,
            "  the same, keys the JDK parsed before", OURS_NONE, "ours, no crypto", FLOOR_NONE,
            "raw WebClient + sign + verify, no crypto");

    /** Wide enough for the longest label. */
    private static final String LABEL_FORMAT = "%-40s";

    /** The most requests in flight, and the idle connections the SDK's OkHttp pool keeps. */
    static final int MAX_CONNECTIONS = 64;

    /**
     * The most connections a WebClient's pool may open: the starter's own default. A WebClient gives its connection
     * back to the pool only after the answer was delivered, so a closed loop that starts the next call from the last
     * one's completion needs one connection more than it has calls in flight. With a bound equal to the calls in
     * flight (runs 1 to 9), every call at 64 in flight waited for a connection, a pending acquire with its timeout on
     * Reactor's parallel scheduler, which OkHttp's blocking calls never do. The run prints how many connections each
     * client opened.
     */
    static final int WEBCLIENT_MAX_CONNECTIONS = 500;

    private final long warmupSeconds = Long.getLong("bench.warmup", 15);

    private final long measureSeconds = Long.getLong("bench.measure", 15);

    /**
     * The warm-up lasts until the JIT compiles at most this many milliseconds per second (2% of one CPU): a client
     * is measured in its steady state, not while its code is still being compiled.
     */
    private final long jitQuietMillisPerSecond = Long.getLong("bench.jitQuiet", 20);

    /** The longest warm-up, in seconds, however busy the JIT still is. */
    private final long warmupMaxSeconds = Long.getLong("bench.warmup.max", 60);

    /** How many times each compared pair (ours and the SDK on one provider) is measured in turn, per level. */
    private final int rounds = Integer.getInteger("bench.rounds", 2);

    /**
     * Seconds per slice: each round's measurement is cut into slices the two clients of a pair take in turn, so that
     * they are measured seconds apart (run 17's 95% intervals were 0.02-0.05 wide, run 16's 0.12-0.35); 0 measures
     * each client's {@code bench.measure} seconds at once, one client after the other, as runs 1 to 16 did.
     */
    private final long sliceSeconds = Long.getLong("bench.slice", 3);

    /** Each compared pair's round-by-round ratios, under the summed result of its first client. */
    private final Map<Result, Rounds> roundRatios = new java.util.IdentityHashMap<>();

    private static final long WARMUP_STEP_SECONDS = 5;

    private static final java.lang.management.CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final long microSeconds = Long.getLong("bench.micro", 3);

    /** The largest share of the machine that other processes may take during a measurement. */
    private final double maxOther = Double.parseDouble(System.getProperty("bench.maxOther", "0.10"));

    private final long quietWaitSeconds = Long.getLong("bench.quietWait", 90);

    /**
     * The loopback server's scheduling policy: {@code normal}, or {@code batch} (Linux {@code SCHED_BATCH}, set with
     * {@code chrt}: a server thread that wakes up then waits for the client's thread to give up its CPU instead of
     * preempting it, as a remote server, which shares no CPU with the client, never preempts it).
     */
    private final String serverScheduling = System.getProperty("bench.server.sched", "normal");

    private final int retries = Integer.getInteger("bench.retries", 1);

    private final int[] levels = parseLevels(System.getProperty("bench.concurrency", "1,64"));

    private final List<String> clientNames = java.util.Arrays.stream(System.getProperty("bench.clients",
            String.join(",", ALL_CLIENTS)).split(",")).map(String::trim).filter((name) -> !name.isEmpty()).toList();

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean();

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
        .getThreadMXBean();

    private final KeyPair merchant;

    private Process server;

    private String baseUrl;

    private PublicKey platformKey;

    /**
     * Whether the compared pairs are measured once more after the one-JVM rows, each client alone in a long-lived
     * JVM of its own ({@code bench.separate}, true).
     */
    private final boolean separateWanted = Boolean.parseBoolean(System.getProperty("bench.separate", "true"));

    /** Whether the cold starts run after the load ({@code bench.cold}, true). */
    private final boolean coldWanted = Boolean.parseBoolean(System.getProperty("bench.cold", "true"));

    private final int coldConcurrency = Integer.getInteger("bench.cold.concurrency", 64);

    private final int coldSeconds = Integer.getInteger("bench.cold.seconds", 5);

    private final int coldRuns = Integer.getInteger("bench.cold.runs", 2);

    /** Where the chart goes ({@code bench.chart}); by default {@code benchmarks/results.svg} from the repository root. */
    private final String chartPath = System.getProperty("bench.chart",
            java.nio.file.Files.isDirectory(java.nio.file.Path.of("benchmarks")) ? "benchmarks/results.svg"
                    : "benchmark-results.svg");

    private LoadBenchmark(KeyPair merchant) {
        this.merchant = merchant;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("worker")) {
            work(args[1]);
            return;
        }
        new LoadBenchmark(Fixtures.rsa2048()).run((args.length == 0) ? "load" : args[0]);
    }

    /**
     * @param part {@code load} (everything), {@code cold} (only the cold starts) or {@code separate} (only the pairs
     * each in a JVM of its own); the last two warm the server up first
     */
    void run(String part) throws Exception {
        if (!List.of("load", "cold", "separate").contains(part)) {
            throw new IllegalArgumentException("Unknown part '" + part + "': use load, cold or separate");
        }
        long started = System.nanoTime();
        startServer();
        try {
            Provider accp = CryptoProviders.accpAvailable() ? CryptoProviders.resolve(CryptoProviders.ACCP) : null;
            printHeader(accp, part);
            if (!part.equals("load")) {
                Client raw = rawWebClient(URI.create(orderUrl()));
                System.out.printf(Locale.ROOT, "warming the server up with the raw WebClient for %d s ...%n",
                        this.warmupSeconds);
                raw.run(MAX_CONNECTIONS, System.nanoTime() + TimeUnit.SECONDS.toNanos(this.warmupSeconds));
                raw.close();
                Map<String, Long> connections = new LinkedHashMap<>();
                List<Result> separate = part.equals("separate") ? inSeparateJvms(accp, connections) : List.of();
                List<Cold> colds = part.equals("cold") ? coldStarts(accp) : List.of();
                if (!separate.isEmpty()) {
                    report(List.of(), separate, Map.of(), Map.of(), connections);
                }
                reportColdStarts(colds, List.of());
                writeChart(List.of(), separate, colds);
                return;
            }
            Map<String, Client> clients = clients(accp); // official-accp is built after the install, below
            boolean officialAccpWanted = accp != null && this.clientNames.contains(OFFICIAL_ACCP);
            requireJdkDefault();
            preflight(clients.values(), "");

            // everything that runs on the JDK's default providers (or passes ACCP explicitly), every level first;
            // each pair that is compared runs in turn, so that both meet the JVM and the machine in the same state
            Client oursJdk = clients.get(OURS_JDK);
            Client official = clients.get(OFFICIAL);
            boolean jdkPair = oursJdk != null && official != null;
            Client oursAccp = clients.get(OURS_ACCP);
            boolean accpPair = oursAccp != null && officialAccpWanted;
            Client oursNone = clients.get(OURS_NONE);
            Client floorNone = clients.get(FLOOR_NONE);
            boolean nonePair = oursNone != null && floorNone != null;
            List<Result> results = new ArrayList<>();
            for (int concurrency : this.levels) {
                for (Client client : clients.values()) {
                    boolean paired = (jdkPair && (client == oursJdk || client == official))
                            || (accpPair && client == oursAccp)
                            || (nonePair && (client == oursNone || client == floorNone));
                    if (!paired) {
                        results.add(warmAndMeasure(client, concurrency));
                    }
                }
                if (nonePair) {
                    results.addAll(inTurn(oursNone, floorNone, concurrency));
                }
                if (jdkPair) {
                    results.addAll(inTurn(oursJdk, official, concurrency));
                }
            }
            System.out.println("one signature and one verification on one thread" + MachineLoad.awaitQuiet(this.maxOther,
                    this.quietWaitSeconds) + " ...");
            Map<String, Micro> micro = microBenchmarks(clients.values());

            // last: ACCP installed JVM-wide, so that the SDK's own Signature.getInstance(...) gets it
            if (officialAccpWanted) {
                installAccpJvmWide();
                try {
                    // built only now, as an application that installs ACCP at startup builds it: the SDK parses
                    // its keys (PemUtil: KeyFactory.getInstance("RSA")) with the first provider, now ACCP
                    Client officialAccp = official(OFFICIAL_ACCP, orderUrl());
                    clients.put(OFFICIAL_ACCP, officialAccp);
                    // ours passes ACCP explicitly, so the install changes nothing for it: it runs here, in turn with
                    // the SDK + ACCP
                    preflight(accpPair ? List.of(oursAccp, officialAccp) : List.of(officialAccp),
                            " (ACCP now installed JVM-wide)");
                    for (int concurrency : this.levels) {
                        if (accpPair) {
                            results.addAll(inTurn(oursAccp, officialAccp, concurrency));
                        }
                        else {
                            results.add(warmAndMeasure(officialAccp, concurrency));
                        }
                    }
                    System.out.println("one signature and one verification on one thread, SDK + ACCP"
                            + MachineLoad.awaitQuiet(this.maxOther, this.quietWaitSeconds) + " ...");
                    micro.putAll(microBenchmarks(List.of(officialAccp)));
                }
                finally {
                    Security.removeProvider(AmazonCorrettoCryptoProvider.INSTANCE.getName());
                    System.out.println("ACCP removed from the JVM's provider list again");
                }
            }
            Map<String, Long> connections = new LinkedHashMap<>();
            clients.values().forEach((client) -> connections.put(client.name, client.connectionsOpened()));
            clients.values().forEach(Client::close);
            Map<String, Long> separateConnections = new LinkedHashMap<>();
            List<Result> separate = this.separateWanted ? inSeparateJvms(accp, separateConnections) : List.of();
            List<Cold> colds = this.coldWanted ? coldStarts(accp) : List.of();
            report(results, separate, micro, connections, separateConnections);
            reportColdStarts(colds, results);
            writeChart(results, separate, colds);
        }
        finally {
            stopServer();
            System.out.printf(Locale.ROOT, "%nload benchmark took %d s%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
    }

    // ---------------------------------------------------------------- each client alone in a JVM of its own

    /**
     * The compared pairs once more, each client alone in a long-lived JVM of its own ({@link ClientJvm}), with the
     * same pre-flight checks, warm-up, rounds in turn and levels as the one-JVM rows: a service runs one client, and
     * in one JVM the client measured right after another one may pay for the JIT recompiling the code they share.
     * The two JVMs of a pair live through every level.
     */
    private List<Result> inSeparateJvms(Provider accp, Map<String, Long> connections)
            throws IOException, InterruptedException {
        List<List<String>> pairs = new ArrayList<>();
        if (this.clientNames.contains(OURS_JDK) && this.clientNames.contains(OFFICIAL)) {
            pairs.add(List.of(OURS_JDK, OFFICIAL));
        }
        if (accp != null && this.clientNames.contains(OURS_ACCP) && this.clientNames.contains(OFFICIAL_ACCP)) {
            pairs.add(List.of(OURS_ACCP, OFFICIAL_ACCP));
        }
        // on request only (a provider's floor and ours without its SDK): the CPU target's floor, measured in turn
        if (!this.clientNames.contains(OFFICIAL) && this.clientNames.containsAll(List.of(OURS_JDK, FLOOR_JDK))) {
            pairs.add(List.of(OURS_JDK, FLOOR_JDK));
        }
        if (accp != null && !this.clientNames.contains(OFFICIAL_ACCP)
                && this.clientNames.containsAll(List.of(OURS_ACCP, FLOOR_ACCP))) {
            pairs.add(List.of(OURS_ACCP, FLOOR_ACCP));
        }
        // on request only: what our layer adds besides the crypto, measured in turn
        if (this.clientNames.containsAll(List.of(OURS_NONE, FLOOR_NONE))) {
            pairs.add(List.of(OURS_NONE, FLOOR_NONE));
        }
        List<Result> results = new ArrayList<>();
        for (List<String> pair : pairs) {
            try (ClientJvm a = ClientJvm.start(javaCommand(), pair.get(0), this.baseUrl, this.platformKey,
                    this.merchant);
                    ClientJvm b = ClientJvm.start(javaCommand(), pair.get(1), this.baseUrl, this.platformKey,
                            this.merchant)) {
                preflight(List.of(a, b), " (each client alone in a JVM of its own)");
                for (int concurrency : this.levels) {
                    results.addAll(inTurn(a, b, concurrency));
                }
                connections.put(a.name(), a.connectionsOpened());
                connections.put(b.name(), b.connectionsOpened());
            }
        }
        return results;
    }

    /**
     * The worker side of {@link ClientJvm}: builds the one client named as the one-JVM run builds it (the SDK +
     * ACCP after installing ACCP JVM-wide, as an application that installs it at startup), then answers the
     * parent's commands until its stdin closes.
     */
    private static void work(String name) throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String setup = commands.readLine();
        if (setup == null) {
            throw new IllegalStateException("The worker for " + name + " got no setup line");
        }
        String[] parts = setup.split(" ");
        // parsed by the JDK's RSA KeyFactory, before any install: as the one-JVM run's generated keys
        java.security.KeyFactory rsa = java.security.KeyFactory.getInstance("RSA");
        java.util.Base64.Decoder base64 = java.util.Base64.getDecoder();
        KeyPair merchant = new KeyPair(
                rsa.generatePublic(new java.security.spec.X509EncodedKeySpec(base64.decode(parts[2]))),
                rsa.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(base64.decode(parts[3]))));
        LoadBenchmark bench = new LoadBenchmark(merchant);
        bench.baseUrl = parts[0];
        bench.platformKey = Fixtures.publicKeyFromBase64(parts[1]);
        Client client = bench.workerClient(name);
        System.out.println("READY");
        System.out.flush();
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "call" -> {
                    String answer;
                    try {
                        String read = client.call(words[1]);
                        answer = "CALLED " + ((read != null) ? read : "-");
                    }
                    catch (RuntimeException ex) {
                        answer = "REFUSED " + ex.getClass().getSimpleName() + " "
                                + String.valueOf(ex.getMessage()).replaceAll("\\s+", " ");
                    }
                    System.out.println(answer);
                }
                case "read" -> System.out.println("READ " + client.read(Integer.parseInt(words[1]),
                        Long.parseLong(words[2])).toLine());
                case "connections" -> System.out.println("CONNECTIONS " + client.connectionsOpened());
                default -> throw new IllegalArgumentException("Unknown command '" + line + "'");
            }
            System.out.flush();
        }
        client.close();
        System.exit(0);
    }

    private Client workerClient(String name) {
        return switch (name) {
            case OURS_ACCP -> ours(OURS_ACCP, CryptoProviders.resolve(CryptoProviders.ACCP));
            case OURS_JDK -> {
                requireJdkDefault();
                yield ours(OURS_JDK, null);
            }
            case OFFICIAL -> {
                requireJdkDefault();
                yield official(OFFICIAL, orderUrl());
            }
            case FLOOR_ACCP -> floor(FLOOR_ACCP, CryptoProviders.resolve(CryptoProviders.ACCP));
            case FLOOR_JDK -> {
                requireJdkDefault();
                yield floor(FLOOR_JDK, null);
            }
            case OFFICIAL_ACCP -> {
                installAccpJvmWide();
                yield official(OFFICIAL_ACCP, orderUrl());
            }
            case OURS_NONE -> ours(OURS_NONE, new NoCryptoProvider());
            case FLOOR_NONE -> floor(FLOOR_NONE, new NoCryptoProvider());
            default -> throw new IllegalArgumentException("No worker JVM for client '" + name + "'");
        };
    }

    // ---------------------------------------------------------------- the server process

    /** The java launcher of this JVM, for the processes it starts. */
    private static String javaCommand() {
        return ProcessHandle.current().info().command()
            .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }

    private void startServer() throws IOException {
        String java = javaCommand();
        long perPhase = Math.max(this.warmupSeconds, this.warmupMaxSeconds) + this.measureSeconds + this.quietWaitSeconds
                + this.retries * (this.quietWaitSeconds + 5 + this.measureSeconds);
        long phases = (Math.max(4L, this.clientNames.size()) + (this.separateWanted ? 4 : 0)) * this.levels.length;
        long maxSeconds = 900 + perPhase * phases;
        ProcessBuilder builder = new ProcessBuilder(java, "-Xms256m", "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), LoopbackServer.class.getName(),
                Fixtures.publicKeyBase64(this.merchant.getPublic()), Long.toString(maxSeconds));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        this.server = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(this.server.getInputStream(),
                StandardCharsets.UTF_8));
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            this.server.destroyForcibly();
            throw new IllegalStateException("The loopback server did not start: " + ready);
        }
        String[] parts = ready.split(" ");
        this.baseUrl = "http://127.0.0.1:" + Integer.parseInt(parts[1]);
        this.platformKey = Fixtures.publicKeyFromBase64(parts[2]);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopServer));
        applyServerScheduling();
    }

    /**
     * Puts every thread of the server under {@code SCHED_BATCH} when asked to; again before each measurement, for
     * the threads the server started since.
     */
    private void applyServerScheduling() {
        if (this.serverScheduling.equals("normal")) {
            return;
        }
        if (!this.serverScheduling.equals("batch")) {
            throw new IllegalArgumentException("bench.server.sched must be normal or batch, not "
                    + this.serverScheduling);
        }
        try {
            Process chrt = new ProcessBuilder("chrt", "--all-tasks", "--batch", "--pid", "0",
                    Long.toString(this.server.pid())).redirectErrorStream(true).start();
            String output = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (chrt.waitFor() != 0) {
                throw new IllegalStateException("chrt could not put the server under SCHED_BATCH: " + output);
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException("chrt (util-linux) is needed for bench.server.sched=batch", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting the server's scheduling policy", ex);
        }
    }

    private void stopServer() {
        Process process = this.server;
        if (process != null && process.isAlive()) {
            try {
                process.getOutputStream().close(); // the server exits when its stdin closes
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (IOException | InterruptedException ex) {
                process.destroyForcibly();
            }
        }
    }

    private long serverCpuNanos() {
        return this.server.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    // ---------------------------------------------------------------- the clients

    private Map<String, Client> clients(Provider accp) {
        Map<String, Client> clients = new LinkedHashMap<>();
        String url = orderUrl();
        for (String name : this.clientNames) {
            switch (name) {
                case RAW -> clients.put(RAW, rawWebClient(URI.create(url)));
                case OURS_ACCP -> {
                    if (accp == null) {
                        System.out.println("skipping " + OURS_ACCP + ": ACCP is not usable here ("
                                + CryptoProviders.accpUnavailableReason() + ")");
                    }
                    else {
                        clients.put(OURS_ACCP, ours(OURS_ACCP, accp));
                    }
                }
                case OURS_JDK -> clients.put(OURS_JDK, ours(OURS_JDK, null));
                case FLOOR_ACCP -> {
                    if (accp != null) {
                        clients.put(FLOOR_ACCP, floor(FLOOR_ACCP, accp));
                    }
                }
                case FLOOR_JDK -> clients.put(FLOOR_JDK, floor(FLOOR_JDK, null));
                case OURS_NONE -> clients.put(OURS_NONE, ours(OURS_NONE, new NoCryptoProvider()));
                case FLOOR_NONE -> clients.put(FLOOR_NONE, floor(FLOOR_NONE, new NoCryptoProvider()));
                case OFFICIAL -> clients.put(OFFICIAL, official(OFFICIAL, url));
                case OFFICIAL_ACCP -> {
                    // built in run(), after ACCP is installed JVM-wide and every other client has run
                    if (accp == null) {
                        System.out.println("skipping " + OFFICIAL_ACCP + ": ACCP is not usable here ("
                                + CryptoProviders.accpUnavailableReason() + ")");
                    }
                }
                default -> throw new IllegalArgumentException("Unknown client '" + name + "' in bench.clients; use "
                        + String.join(",", KNOWN_CLIENTS));
            }
        }
        return clients;
    }

    private String orderUrl() {
        return this.baseUrl + Fixtures.ORDERS_PATH + Fixtures.ORDER_NO;
    }

    /**
     * Each WebClient gets a keep-alive pool of its own ({@link #WEBCLIENT_MAX_CONNECTIONS}); {@code opened} counts
     * the connections it opens.
     */
    static ReactorClientHttpConnector connector(String name, LongAdder opened) {
        ConnectionProvider pool = ConnectionProvider.builder(name).maxConnections(WEBCLIENT_MAX_CONNECTIONS)
            .pendingAcquireMaxCount(-1).build();
        return new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.create(pool)
            .responseTimeout(Duration.ofSeconds(10))
            .doOnChannelInit((observer, channel, address) -> opened.increment()));
    }

    /**
     * The SDK's OkHttp: up to {@link #MAX_CONNECTIONS} idle connections kept (its default keeps 5), no proxy;
     * {@code opened} counts the connections it opens.
     */
    static OkHttpClient okHttp(LongAdder opened) {
        OkHttpClient okHttp = new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(MAX_CONNECTIONS, 5, TimeUnit.MINUTES))
            .proxy(Proxy.NO_PROXY)
            .eventListener(new okhttp3.EventListener() {
                @Override
                public void connectEnd(okhttp3.Call call, java.net.InetSocketAddress address, Proxy proxy,
                        okhttp3.Protocol protocol) {
                    opened.increment();
                }
            })
            .build();
        okHttp.dispatcher().setMaxRequestsPerHost(MAX_CONNECTIONS);
        return okHttp;
    }

    private Client rawWebClient(URI uri) {
        LongAdder opened = new LongAdder();
        WebClient webClient = WebClient.builder()
            .clientConnector(connector(RAW, opened))
            .defaultHeaders((headers) -> headers.setAccept(List.of(MediaType.APPLICATION_JSON)))
            .build();
        return Client.reactive(RAW, () -> webClient.get().uri(uri).retrieve().bodyToMono(DiscountCardOrder.class),
                null).opening(opened);
    }

    /**
     * The floor of issue 11's CPU target, "raw WebClient + one sign + one verify", measured as one client under the
     * same load rather than summed from separate measurements: the raw WebClient, a filter that puts
     * {@link RequestSigner#authorization} on each request, and the answer read as bytes, checked by
     * {@link ResponseVerifier#verify} and decoded with Jackson. Nothing else: no retry, timeout, observation,
     * size cap, answer check or typed errors. Ours minus this is what the client's own layer costs.
     */
    private Client floor(String name, Provider provider) {
        RequestSigner signer = Fixtures.signer(this.merchant.getPrivate(), provider);
        ResponseVerifier verifier = Fixtures.verifier(this.platformKey, provider);
        JsonMapper json = JsonMapper.builder().build();
        byte[] noBody = new byte[0];
        LongAdder opened = new LongAdder();
        WebClient webClient = WebClient.builder()
            .clientConnector(connector(name, opened))
            .defaultHeaders((headers) -> headers.setAccept(List.of(MediaType.APPLICATION_JSON)))
            .filter((request, next) -> next.exchange(ClientRequest.from(request)
                .header(org.springframework.http.HttpHeaders.AUTHORIZATION,
                        signer.authorization(request.method().name(), request.url().getRawPath(), noBody))
                .build()))
            .build();
        java.util.function.Function<URI, Mono<?>> get = (uri) -> webClient.get().uri(uri)
            .exchangeToMono((response) -> response.bodyToMono(byte[].class).map((body) -> {
                verifier.verify(ResponseSignature.from(response.headers().asHttpHeaders()::getFirst), body);
                return json.readValue(body, DiscountCardOrder.class);
            }));
        URI uri = URI.create(orderUrl());
        return Client.reactive(name, () -> get.apply(uri),
                (orderNo) -> get.apply(URI.create(this.baseUrl + Fixtures.ORDERS_PATH + orderNo))).opening(opened);
    }

    private Client ours(String name, Provider provider) {
        RequestSigner signer = Fixtures.signer(this.merchant.getPrivate(), provider);
        ResponseVerifier verifier = Fixtures.verifier(this.platformKey, provider);
        LongAdder opened = new LongAdder();
        WebClientDiscountCardClient client = WebClientDiscountCardClient.builder()
            .baseUrl(this.baseUrl)
            .signer(signer)
            .verifier(verifier)
            .webClientBuilder(WebClient.builder().clientConnector(connector(name, opened)))
            .build();
        Client result = Client.reactive(name, () -> client.getOrder(Fixtures.ORDER_NO),
                (orderNo) -> client.getOrder(orderNo)).opening(opened);
        result.signer = signer;
        result.verifier = verifier;
        return result;
    }

    /**
     * The official SDK as its services use it: the {@code RSAPublicKeyConfig} (WeChat Pay public key mode) builds
     * the credential (JDK SHA256withRSA signer) and validator, {@code DefaultHttpClientBuilder} the OkHttp client;
     * each call builds an {@code HttpRequest} and {@code execute}s it, which signs the request, verifies the
     * response's signature and timestamp, and reads the JSON with Gson. OkHttp gets a 64-connection pool (its
     * default keeps 5 idle) and no proxy. The SDK calls {@code Signature.getInstance("SHA256withRSA")} for every
     * signature and verification, so which provider it uses is decided by the JVM's provider list at that moment:
     * the {@value #OFFICIAL_ACCP} client is the same code, built and measured after ACCP was installed JVM-wide.
     * The keys are given as text, as applications give them (PEM without its armour), so the SDK parses them
     * itself with the JVM's first RSA {@code KeyFactory}: the JDK's, or ACCP's after the install.
     */
    private Client official(String name, String url) {
        RSAPublicKeyConfig config = sdkConfig(this.merchant.getPrivate(), this.platformKey, true);
        LongAdder opened = new LongAdder();
        OkHttpClient okHttp = okHttp(opened);
        HttpClient sdk = new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp).build();
        String base = this.baseUrl + Fixtures.ORDERS_PATH;
        Client client = Client.blocking(name, () -> sdkGet(sdk, url), (orderNo) -> sdkGet(sdk, base + orderNo))
            .opening(opened);
        client.sdkConfig = config;
        client.onClose = () -> {
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
        };
        return client;
    }

    /**
     * The SDK's configuration for the merchant key and the platform key: given as text ({@code asText}), the SDK
     * parses them with the JVM's current providers; otherwise it takes the key objects as they are.
     */
    private static RSAPublicKeyConfig sdkConfig(java.security.PrivateKey privateKey, PublicKey publicKey,
            boolean asText) {
        RSAPublicKeyConfig.Builder builder = new RSAPublicKeyConfig.Builder()
            .merchantId(Fixtures.MCH_ID)
            .merchantSerialNumber(Fixtures.MERCHANT_SERIAL)
            .publicKeyId(Fixtures.PUBLIC_KEY_ID)
            .apiV3Key(Fixtures.API_V3_KEY);
        if (asText) {
            builder.privateKey(java.util.Base64.getEncoder().encodeToString(privateKey.getEncoded()))
                .publicKey(Fixtures.publicKeyBase64(publicKey));
        }
        else {
            builder.privateKey(privateKey).publicKey(publicKey);
        }
        return builder.build();
    }

    private static String sdkGet(HttpClient sdk, String url) {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        headers.addHeader("Content-Type", "application/json");
        HttpRequest request = new HttpRequest.Builder().httpMethod(HttpMethod.GET).url(url).headers(headers).build();
        return sdk.execute(request, SdkOrder.class).getServiceResponse().outOrderNo;
    }

    // ---------------------------------------------------------------- pre-flight: every client does its job

    /**
     * Before timing anything: each client reads the order; the signing clients' requests pass the server's
     * signature check; the verifying clients refuse a response whose body was changed after signing.
     */
    private void preflight(java.util.Collection<? extends Target> clients, String note) {
        System.out.println();
        System.out.println("pre-flight checks" + note + ":");
        for (Target client : clients) {
            String order = client.call(Fixtures.ORDER_NO);
            require(Fixtures.ORDER_NO.equals(order), client.label() + " read the order", order);
            if (client.name().equals(RAW)) {
                System.out.println("  " + client.label() + ": reads the order (it signs and verifies nothing)");
                continue;
            }
            if (client.name().equals(OURS_NONE) || client.name().equals(FLOOR_NONE)) {
                System.out.println("  " + client.label() + ": reads the order (its signature is empty and it accepts "
                        + "any: a measurement of everything but the crypto)");
                continue;
            }
            String checked = client.call("CHECK-" + Fixtures.ORDER_NO);
            require(checked != null, client.label() + " request signature accepted by the server", checked);
            Throwable refused = null;
            try {
                client.call("TAMPERED-" + Fixtures.ORDER_NO);
            }
            catch (Throwable ex) {
                refused = ex;
            }
            require(refused != null, client.label() + " refuses a tampered response", "it was accepted");
            System.out.println("  " + client.label() + ": reads the order, its request signature verifies, a "
                    + "tampered response is refused (" + ((refused instanceof ClientJvm.Refused remote) ? remote.type()
                            : refused.getClass().getSimpleName()) + ")");
        }
    }

    /**
     * Before anything runs: {@code SHA256withRSA} without a provider must come from the JDK, or the JDK-provider
     * rows (ours, JDK; the official SDK as it ships) would not be what they say.
     */
    private void requireJdkDefault() {
        Provider signs = defaultSignatureProvider(true);
        Provider verifies = defaultSignatureProvider(false);
        require(!isAccp(signs) && !isAccp(verifies), "SHA256withRSA without a provider comes from the JDK before "
                + "ACCP is installed", "sign: " + signs.getName() + ", verify: " + verifies.getName());
    }

    /**
     * Installs ACCP at the head of the JVM's provider list, and checks that what the SDK does per request,
     * {@code Signature.getInstance("SHA256withRSA")} then {@code initSign} with the merchant key or
     * {@code initVerify} with the platform key, now really gets ACCP (a provider that refused the key would be
     * skipped silently).
     */
    private void installAccpJvmWide() {
        Provider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        int position = Security.insertProviderAt(accp, 1);
        require(position == 1, "ACCP installed at position 1 of the JVM's provider list",
                "insertProviderAt returned " + position);
        Provider signs = defaultSignatureProvider(true);
        Provider verifies = defaultSignatureProvider(false);
        require(isAccp(signs) && isAccp(verifies), "SHA256withRSA without a provider comes from ACCP after the "
                + "install", "sign: " + signs.getName() + ", verify: " + verifies.getName());
        Provider parses;
        try {
            parses = java.security.KeyFactory.getInstance("RSA").getProvider();
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
        require(isAccp(parses), "the RSA KeyFactory without a provider comes from ACCP after the install",
                parses.getName());
        System.out.println();
        System.out.println("*** ACCP INSTALLED JVM-WIDE: "
                + "Security.insertProviderAt(AmazonCorrettoCryptoProvider.INSTANCE, 1) ***");
        System.out.println("    every later Signature.getInstance(\"SHA256withRSA\") in this JVM now signs with "
                + signs.getName() + " and verifies with " + verifies.getName() + " (" + CryptoProviders.describe(accp)
                + "), and KeyFactory.getInstance(\"RSA\") parses keys with " + parses.getName() + "; only the "
                + OFFICIAL_ACCP + " rows run from here on");
    }

    /** Which provider {@code Signature.getInstance("SHA256withRSA")} ends up with for the keys the clients use. */
    private Provider defaultSignatureProvider(boolean sign) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            if (sign) {
                signature.initSign(this.merchant.getPrivate());
            }
            else {
                signature.initVerify(this.platformKey);
            }
            return signature.getProvider();
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException("SHA256withRSA is not available", ex);
        }
    }

    private static boolean isAccp(Provider provider) {
        return provider == AmazonCorrettoCryptoProvider.INSTANCE;
    }

    private static void require(boolean condition, String what, Object detail) {
        if (!condition) {
            throw new IllegalStateException("Pre-flight check failed: " + what + " (" + detail + ")");
        }
    }

    // ---------------------------------------------------------------- measuring

    /**
     * Waits for a quiet machine, warms the client up, measures; when other processes took more than
     * {@code bench.maxOther} of the machine during the measurement, waits and measures again (up to
     * {@code bench.retries} times) and keeps the least disturbed measurement.
     */
    private Result warmAndMeasure(Target client, int concurrency) throws InterruptedException {
        warmUp(client, concurrency);
        System.out.printf(Locale.ROOT, "; measuring %d s ...", this.measureSeconds);
        System.out.flush();
        Result best = measure(client, concurrency, this.measureSeconds);
        System.out.printf(Locale.ROOT, " %,.0f req/s%s%n", best.throughput(), best.disturbance());
        for (int retry = 1; retry <= this.retries && best.otherShare > this.maxOther; retry++) {
            String waited = MachineLoad.awaitQuiet(this.maxOther, this.quietWaitSeconds);
            System.out.printf(Locale.ROOT, LABEL_FORMAT + " c=%-3d again%s: warm-up 5 s, measuring %d s ...",
                    client.label(), concurrency, waited, this.measureSeconds);
            System.out.flush();
            measure(client, concurrency, 5);
            Result again = measure(client, concurrency, this.measureSeconds);
            System.out.printf(Locale.ROOT, " %,.0f req/s%s%n", again.throughput(), again.disturbance());
            if (again.otherShare < best.otherShare) {
                best = again;
            }
        }
        return best;
    }

    /**
     * Waits for a quiet machine and runs the client until it is warm: at least {@code bench.warmup} seconds, then on
     * while the JIT is still busy, up to {@code bench.warmup.max}. Prints the label and the last step's rate, with
     * no line end.
     */
    private void warmUp(Target client, int concurrency) throws InterruptedException {
        String waited = MachineLoad.awaitQuiet(this.maxOther, this.quietWaitSeconds);
        System.out.printf(Locale.ROOT, LABEL_FORMAT + " c=%-3d%s warm-up %d s ...", client.label(), concurrency,
                waited, this.warmupSeconds);
        System.out.flush();
        // in steps, so that the JIT's last step decides whether the client is warm
        Result step = null;
        long warmed = 0;
        while (step == null || warmed < this.warmupSeconds
                || (warmed < this.warmupMaxSeconds && step.jitMillisPerSecond() > this.jitQuietMillisPerSecond)) {
            long seconds = (warmed < this.warmupSeconds) ? Math.min(WARMUP_STEP_SECONDS, this.warmupSeconds - warmed)
                    : WARMUP_STEP_SECONDS;
            step = measure(client, concurrency, Math.max(1, seconds));
            warmed += Math.max(1, seconds);
        }
        System.out.printf(Locale.ROOT, " %,.0f req/s%s", step.throughput(),
                (warmed > this.warmupSeconds) ? String.format(Locale.ROOT, " (warm-up %d s: the JIT compiled %.0f ms/s "
                        + "in its last step)", warmed, step.jitMillisPerSecond()) : "");
        System.out.flush();
    }

    /**
     * One round of a pair with its {@code bench.measure} seconds cut into {@code bench.slice}-second slices (the
     * last one shorter when they do not divide) taken in turn (first, second, then second, first, ...) once both
     * are warm, so that the two clients are measured seconds apart rather than a whole phase apart, and a load that
     * drifts over the round weighs on both alike. A slice pair that other processes disturbed (more than
     * {@code bench.maxOther}) is measured again after the machine calmed down, up to {@code bench.retries} times,
     * keeping the less disturbed pair. Returns the first client's sum, then the second's.
     */
    private Result[] sliced(Target first, Target second, int concurrency) throws InterruptedException {
        warmUp(first, concurrency);
        System.out.println();
        warmUp(second, concurrency);
        System.out.println();
        List<Result> ofFirst = new ArrayList<>();
        List<Result> ofSecond = new ArrayList<>();
        int slices = 0;
        int redone = 0;
        for (long left = Math.max(1, this.measureSeconds); left > 0; left -= this.sliceSeconds) {
            long seconds = Math.min(this.sliceSeconds, left);
            boolean firstLeads = slices++ % 2 == 0;
            Result[] pair = slicePair(first, second, firstLeads, concurrency, seconds);
            for (int retry = 1; retry <= this.retries && disturbance(pair) > this.maxOther; retry++) {
                String waited = MachineLoad.awaitQuiet(this.maxOther, this.quietWaitSeconds);
                if (!waited.isEmpty()) {
                    System.out.println("  slice pair measured again" + waited);
                }
                Result[] again = slicePair(first, second, firstLeads, concurrency, seconds);
                redone++;
                if (disturbance(again) < disturbance(pair)) {
                    pair = again;
                }
            }
            ofFirst.add(pair[0]);
            ofSecond.add(pair[1]);
        }
        Result one = Result.sum(ofFirst);
        Result two = Result.sum(ofSecond);
        System.out.printf(Locale.ROOT,
                "  c=%-3d in %d slices of up to %d s each: %s %,.0f req/s%s, %s %,.0f req/s%s%s%n", concurrency,
                slices, this.sliceSeconds, first.label(), one.throughput(), one.disturbance(), second.label(),
                two.throughput(), two.disturbance(),
                (redone > 0) ? String.format(Locale.ROOT, " (slice pairs measured again: %d)", redone) : "");
        return new Result[] { one, two };
    }

    private Result[] slicePair(Target first, Target second, boolean firstLeads, int concurrency, long seconds)
            throws InterruptedException {
        if (firstLeads) {
            Result one = measure(first, concurrency, seconds);
            return new Result[] { one, measure(second, concurrency, seconds) };
        }
        Result two = measure(second, concurrency, seconds);
        return new Result[] { measure(first, concurrency, seconds), two };
    }

    private static double disturbance(Result[] pair) {
        return Math.max(pair[0].otherShare, pair[1].otherShare);
    }

    /**
     * Two clients measured in turn, {@code bench.rounds} times each, the order reversed every other round (A B, B A,
     * ...) so that neither always comes first; each client's rounds are summed into one result. With
     * {@code bench.slice}, each round's measurement is cut into slices taken in turn ({@link #sliced}).
     */
    private List<Result> inTurn(Target a, Target b, int concurrency) throws InterruptedException {
        List<Result> ofA = new ArrayList<>();
        List<Result> ofB = new ArrayList<>();
        for (int round = 0; round < this.rounds; round++) {
            Target first = (round % 2 == 0) ? a : b;
            Target second = (first == a) ? b : a;
            Result[] both = (this.sliceSeconds > 0) ? sliced(first, second, concurrency)
                    : new Result[] { warmAndMeasure(first, concurrency), warmAndMeasure(second, concurrency) };
            ofA.add((first == a) ? both[0] : both[1]);
            ofB.add((first == a) ? both[1] : both[0]);
        }
        Result sumA = Result.sum(ofA);
        Result sumB = Result.sum(ofB);
        if (this.rounds > 1) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "c=%-3d %s / %s, round by round:",
                    concurrency, a.label(), b.label()));
            double[] ratios = new double[this.rounds];
            for (int round = 0; round < this.rounds; round++) {
                ratios[round] = ofA.get(round).throughput() / ofB.get(round).throughput();
                line.append(String.format(Locale.ROOT, " %.2fx", ratios[round]));
            }
            RoundRatios byRound = new RoundRatios(ratios);
            this.roundRatios.put(sumA, new Rounds(sumB, byRound));
            System.out.println(line + " (geometric mean " + byRound.describe() + ")");
            printCpuDifferences(a, b, concurrency, ofA, ofB);
        }
        return List.of(sumA, sumB);
    }

    /**
     * A's client CPU per request minus B's, round by round, with the mean and its 95% interval: the CPU target's
     * verdict against a floor measured in turn, with how far the rounds let it be trusted.
     */
    private static void printCpuDifferences(Target a, Target b, int concurrency, List<Result> ofA, List<Result> ofB) {
        double[] differences = new double[ofA.size()];
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "c=%-3d client CPU/req, %s minus %s, round by round:", concurrency, a.label(), b.label()));
        for (int round = 0; round < differences.length; round++) {
            differences[round] = ofA.get(round).cpuMicrosPerRequest() - ofB.get(round).cpuMicrosPerRequest();
            line.append(String.format(Locale.ROOT, " %+.1f", differences[round]));
        }
        double[] mean = RoundRatios.meanWithInterval(differences);
        System.out.printf(Locale.ROOT, "%s us (mean %+.1f us, 95%% interval %+.1f to %+.1f us)%n", line, mean[0],
                mean[1], mean[2]);
    }

    /**
     * One phase of {@code target}'s load, with what the client's own process counted (in this JVM or in its own)
     * and, read here around it, the server's CPU time and context switches and how busy the machine was.
     */
    private Result measure(Target target, int concurrency, long seconds) throws InterruptedException {
        applyServerScheduling();
        long machineBefore = MachineLoad.busyNanos();
        long serverCpuBefore = serverCpuNanos();
        Map<Long, long[]> serverSwitchesBefore = ContextSwitches.byThread(this.server.pid());
        Reading client = target.read(concurrency, seconds);
        long serverCpu = serverCpuNanos() - serverCpuBefore;
        long[] serverSwitches = ContextSwitches.since(serverSwitchesBefore,
                ContextSwitches.byThread(this.server.pid()), Set.of());
        long machine = MachineLoad.busyNanos() - machineBefore;
        double otherShare = (machineBefore < 0) ? 0 : Math.max(0, machine - client.cpuNanos() - serverCpu)
                / ((double) client.elapsedNanos() * Runtime.getRuntime().availableProcessors());
        return new Result(target.name(), concurrency, client.ok(), client.errors(), client.elapsedNanos(),
                client.cpuNanos(), serverCpu, client.allocatedBytes(), otherShare, client.jitMillis(),
                client.jitCpuNanos(), client.gcCpuNanos(), serverSwitches[0], client.preemptions(),
                client.firstError());
    }

    /** One phase of a client in this JVM, with what this process counted over it. */
    private static Reading readHere(Client client, int concurrency, long seconds) throws InterruptedException {
        Map<Long, Long> allocatedBefore = allocatedByThread();
        long cpuBefore = OS.getProcessCpuTime();
        long jitBefore = JIT.getTotalCompilationTime();
        long[] helpersBefore = HelperThreads.cpuNanos();
        Map<Long, long[]> switchesBefore = ContextSwitches.byThread(ProcessHandle.current().pid());
        long start = System.nanoTime();
        Outcome outcome = client.run(concurrency, start + TimeUnit.SECONDS.toNanos(seconds));
        long elapsed = System.nanoTime() - start;
        long cpu = OS.getProcessCpuTime() - cpuBefore;
        long jitMillis = JIT.getTotalCompilationTime() - jitBefore;
        long[] helpers = HelperThreads.cpuNanos();
        long[] switches = ContextSwitches.since(switchesBefore, ContextSwitches.byThread(ProcessHandle.current().pid()),
                outcome.selfCountedTids);
        long preemptions = (switches == ContextSwitches.UNKNOWN) ? -1
                : switches[1] + outcome.endedThreadsPreemptions.sum();
        long jitCpu = (helpersBefore[0] < 0) ? -1 : helpers[0] - helpersBefore[0];
        long gcCpu = (helpersBefore[1] < 0) ? -1 : helpers[1] - helpersBefore[1];
        // worker threads that counted their own allocation are left out of the per-thread sum, even when the JVM
        // still lists them as alive (a thread that has left its task may not have exited yet): never counted twice
        long allocated = allocatedSince(allocatedBefore, outcome.selfCountedThreads)
                + outcome.endedThreadsAllocated.sum();
        return new Reading(outcome.ok.sum(), outcome.errors.sum(), elapsed, cpu, allocated, jitMillis, jitCpu, gcCpu,
                preemptions, outcome.firstError.get());
    }

    private static Map<Long, Long> allocatedByThread() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> map = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            map.put(ids[i], bytes[i]);
        }
        return map;
    }

    /**
     * Bytes allocated by the threads alive now since the snapshot (threads started since count from zero), except
     * the threads in {@code selfCounted}, whose allocation the caller adds from their own count.
     */
    private static long allocatedSince(Map<Long, Long> before, Set<Long> selfCounted) {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        long total = 0;
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] > 0 && !selfCounted.contains(ids[i])) {
                total += bytes[i] - before.getOrDefault(ids[i], 0L);
            }
        }
        return total;
    }

    /**
     * One signature (the whole {@code Authorization} header) and one verification (of the order response) on one
     * thread, in this JVM, after that client's load (the JIT is warm): ours through its {@link RequestSigner} and
     * {@link ResponseVerifier}; the SDK through its {@link Credential} and its {@link RSAVerifier}, which take
     * their provider from the JVM's list at that moment (so the {@value #OFFICIAL_ACCP} one runs after the
     * install).
     */
    private Map<String, Micro> microBenchmarks(java.util.Collection<Client> clients) {
        Map<String, Micro> micro = new LinkedHashMap<>();
        KeyPair platform = Fixtures.rsa2048();
        String target = Fixtures.ORDERS_PATH + Fixtures.ORDER_NO;
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Fixtures.nonce(new SecureRandom());
        String responseSignature = Fixtures.signResponse(platform.getPrivate(), timestamp, nonce, Fixtures.ORDER_JSON);
        for (Client client : clients) {
            if (client.signer != null && !client.name.equals(OURS_NONE)) {
                RequestSigner signer = client.signer;
                byte[] noBody = new byte[0];
                double sign = cpuPerOperation(() -> signer.authorization("GET", target, noBody));

                Provider provider = client.name.equals(OURS_ACCP) ? CryptoProviders.resolve(CryptoProviders.ACCP)
                        : null;
                ResponseVerifier verifier = new ResponseVerifier(new VerificationKeys(
                        List.of(VerificationKey.publicKey(Fixtures.PUBLIC_KEY_ID, platform.getPublic(), provider))));
                ResponseSignature headers = new ResponseSignature(Fixtures.PUBLIC_KEY_ID, timestamp, nonce,
                        responseSignature);
                double verify = cpuPerOperation(() -> verifier.verify(headers, Fixtures.ORDER_JSON));
                micro.put(client.name, new Micro(sign, verify));
            }
            else if (client.sdkConfig != null) {
                // the platform key parsed as the SDK parses it (PemUtil), with the JVM's providers of the moment
                PublicKey sdkParsed = PemUtil.loadPublicKeyFromString(Fixtures.publicKeyBase64(platform.getPublic()));
                micro.put(client.name, sdkMicro(client.sdkConfig, sdkParsed, timestamp, nonce, responseSignature));
                if (client.name.equals(OFFICIAL_ACCP)) {
                    // the pitfall: keys the JDK parsed before ACCP was installed; ACCP converts them for every
                    // Signature the SDK creates, that is for every request
                    PublicKey jdkParsed = jdkRsaPublicKey(platform.getPublic());
                    micro.put(OFFICIAL_ACCP_JDK_KEYS, sdkMicro(sdkConfig(this.merchant.getPrivate(), jdkParsed, false),
                            jdkParsed, timestamp, nonce, responseSignature));
                }
            }
        }
        return micro;
    }

    /** The SDK's own signing (the whole {@code Authorization} header) and verification, as its client calls them. */
    private Micro sdkMicro(RSAPublicKeyConfig config, PublicKey platformPublic, String timestamp, String nonce,
            String responseSignature) {
        Credential credential = config.createCredential();
        URI uri = URI.create(orderUrl());
        double sign = cpuPerOperation(() -> credential.getAuthorization(uri, "GET", ""));

        Verifier verifier = new RSAVerifier(platformPublic, Fixtures.PUBLIC_KEY_ID);
        String body = new String(Fixtures.ORDER_JSON, StandardCharsets.UTF_8);
        require(verifier.verify(Fixtures.PUBLIC_KEY_ID, timestamp + "\n" + nonce + "\n" + body + "\n",
                responseSignature), "the SDK's verifier accepts a good response signature", "it did not");
        double verify = cpuPerOperation(() -> verifier.verify(Fixtures.PUBLIC_KEY_ID,
                timestamp + "\n" + nonce + "\n" + body + "\n", responseSignature) ? Boolean.TRUE : null);
        return new Micro(sign, verify);
    }

    /** The key as the JDK's own RSA key type, whatever provider is first in the JVM's list. */
    private static PublicKey jdkRsaPublicKey(PublicKey key) {
        try {
            return java.security.KeyFactory.getInstance("RSA", "SunRsaSign")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(key.getEncoded()));
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** CPU nanoseconds per call on this thread: {@code bench.micro} s of warm-up, then as long again measured. */
    private double cpuPerOperation(Supplier<Object> operation) {
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.microSeconds);
        Object sink = null;
        while (System.nanoTime() < warmEnd) {
            sink = operation.get();
        }
        long count = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.microSeconds);
        while (System.nanoTime() < end) {
            sink = operation.get();
            count++;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return (double) cpu / count;
    }

    // ---------------------------------------------------------------- reporting

    private void printHeader(Provider accp, String part) {
        System.out.println("== Loopback load benchmark ==");
        System.out.println("JVM:     " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("OS:      " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + cpuModel());
        System.out.println("server:  " + this.baseUrl + " (separate JVM, Reactor Netty, canned signed order of "
                + Fixtures.ORDER_JSON.length + " bytes, re-signed every second; scheduling policy "
                + (this.serverScheduling.equals("batch") ? "SCHED_BATCH" : "normal") + ")");
        System.out.println("ACCP:    " + ((accp != null) ? CryptoProviders.describe(accp)
                : "unavailable: " + CryptoProviders.accpUnavailableReason()));
        System.out.println("JDK:     " + CryptoProviders.describe(null));
        System.out.println("plan:    concurrency " + java.util.Arrays.toString(this.levels) + ", per client and level "
                + this.warmupSeconds + "-" + this.warmupMaxSeconds + " s warm-up (until the JIT compiles at most "
                + this.jitQuietMillisPerSecond + " ms/s) + " + this.measureSeconds + " s measured; clients "
                + this.clientNames + "; up to " + MAX_CONNECTIONS + " requests in flight, keep-alive connections "
                + "(a WebClient's pool opens up to " + WEBCLIENT_MAX_CONNECTIONS + ", OkHttp's keeps " + MAX_CONNECTIONS
                + " idle)");
        if (this.sliceSeconds > 0 && !part.equals("cold")) {
            System.out.println("         each round of a compared pair: both warmed up, then measured in turn in "
                    + this.sliceSeconds + " s slices (A B, B A, ...)");
        }
        if (part.equals("separate")) {
            System.out.println("         each compared pair in turn, each client alone in a long-lived JVM of its own, "
                    + this.rounds + " rounds per level (A B, B A, ...)");
            return;
        }
        if (part.equals("cold")) {
            return;
        }
        System.out.println("         " + OURS_JDK + " and " + OFFICIAL + " run in turn, " + this.rounds + " rounds per "
                + "level (A B, B A, ...)");
        if (this.clientNames.contains(OFFICIAL_ACCP)) {
            System.out.println("         " + OFFICIAL_ACCP + " runs last: every other client at every level (and their "
                    + "sign/verify micro-measurements) first, then ACCP is installed JVM-wide and it is built; "
                    + OURS_ACCP + " (ACCP passed explicitly) runs in turn with it, " + this.rounds + " rounds per level");
        }
        if (this.separateWanted) {
            System.out.println("         then both pairs once more, each client alone in a long-lived JVM of its own, "
                    + "the same rounds and warm-up");
        }
    }

    private static String cpuModel() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                .filter((line) -> line.startsWith("model name"))
                .map((line) -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown CPU");
        }
        catch (IOException | RuntimeException ex) {
            return "unknown CPU";
        }
    }

    private void report(List<Result> results, List<Result> separate, Map<String, Micro> micro,
            Map<String, Long> connections, Map<String, Long> separateConnections) {
        if (!results.isEmpty()) {
            printTable("== Results (measured phases only) ==", results, connections);
        }
        if (results.stream().anyMatch((r) -> r.client.equals(OFFICIAL_ACCP))) {
            System.out.println("(" + LABELS.get(OFFICIAL_ACCP) + " and " + LABELS.get(OURS_ACCP) + ": measured in "
                    + "turn after every other row, with Security.insertProviderAt(AmazonCorrettoCryptoProvider.INSTANCE,"
                    + " 1); ours passes ACCP explicitly and is unchanged by it)");
        }
        if (!separate.isEmpty()) {
            printTable("== Results, each client alone in a JVM of its own (measured phases only) ==", separate,
                    separateConnections);
            System.out.println("(the same pre-flight checks, rounds and warm-up as the one-JVM rows, but each client "
                    + "in a long-lived JVM that runs nothing else, so that no other client's code shares its JIT; "
                    + LABELS.get(OFFICIAL_ACCP) + ": ACCP installed JVM-wide in its JVM before the SDK is built)");
        }
        reportRatios(results, separate, micro);
    }

    /** The load table of one method, and the connections each client opened. */
    private void printTable(String title, List<Result> results, Map<String, Long> connections) {
        System.out.println();
        System.out.println(title);
        System.out.printf(Locale.ROOT, LABEL_FORMAT + " %5s %11s %10s %14s %12s %12s %14s %11s %12s %12s %9s %7s %7s%n",
                "client", "conc", "requests", "req/s", "client CPU/req", "of it: JIT", "of it: GC", "server CPU/req",
                "server wake", "client preem", "alloc/req", "JIT ms/s", "errors", "other");
        // grouped by level, in the order of ALL_CLIENTS within a level
        List<Result> byLevel = new ArrayList<>(results);
        byLevel.sort(Comparator.comparingInt((Result r) -> levelIndex(r.concurrency))
            .thenComparingInt((Result r) -> KNOWN_CLIENTS.indexOf(r.client)));
        for (Result r : byLevel) {
            System.out.printf(Locale.ROOT,
                    LABEL_FORMAT + " %5d %,11d %,10.0f %11.1f us %12s %12s %11.1f us %11s %12s %9.1f KB %9.1f %7d %6.0f%%%n",
                    LABELS.get(r.client), r.concurrency, r.ok, r.throughput(), r.cpuMicrosPerRequest(),
                    r.perRequest(r.jitCpuNanos), r.perRequest(r.gcCpuNanos), r.serverCpuMicrosPerRequest(),
                    r.countPerRequest(r.serverWakeUps), r.countPerRequest(r.clientPreemptions),
                    r.allocatedBytes / 1024.0 / Math.max(1, r.ok),
                    r.jitMillisPerSecond(), r.errors,
                    r.otherShare * 100);
            if (r.firstError != null) {
                System.out.println("    first error: " + r.firstError);
            }
        }
        System.out.println("(CPU/req = CPU time of that process over the phase / requests completed; the client "
                + "process runs nothing but the client under test; alloc/req = bytes allocated by the client's threads;"
                + " of it: JIT / GC = the CPU time of the JVM's compiler threads / garbage-collector threads in that"
                + " figure (from /proc/self/task; the rest is the request threads');"
                + " server wake / client preem = per request, the times a server thread blocked and was woken again"
                + " (voluntary context switches) / the times a client thread was preempted (involuntary ones),"
                + " from /proc/<pid>/task;"
                + " JIT ms/s = milliseconds the JIT compiled per second of the phase; other = share of all CPUs that "
                + "other processes on the machine used during the phase)");
        StringBuilder opened = new StringBuilder();
        connections.forEach((name, count) -> opened.append((opened.length() > 0) ? ", " : "").append(name).append(' ')
            .append(count));
        System.out.println("(connections each client opened over the whole run, pre-flight included: " + opened
                + "; a WebClient may open up to " + WEBCLIENT_MAX_CONNECTIONS + ", OkHttp keeps " + MAX_CONNECTIONS
                + " idle)");
    }

    private void reportRatios(List<Result> results, List<Result> separate, Map<String, Micro> micro) {
        if (!results.isEmpty()) {
            reportOneJvm(results, micro);
        }
        if (!separate.isEmpty()) {
            System.out.println();
            System.out.println("== Throughput ratios, requests/s, each client alone in a JVM of its own (same run) ==");
            for (int level : this.levels) {
                ratio(separate, level, OURS_ACCP, OFFICIAL_ACCP, "same provider (ACCP)", (level == 1) ? 0.95 : 1.0);
                ratio(separate, level, OURS_JDK, OFFICIAL, "same provider (JDK)", 1.0);
            }
            for (int level : this.levels) {
                for (String ours : List.of(OURS_ACCP, OURS_JDK)) {
                    againstMeasuredFloor(separate, level, ours, "in turn, each in a JVM of its own");
                }
            }
            withoutCrypto(separate);
        }
        List<Result> all = new ArrayList<>(results);
        all.addAll(separate);
        long disturbed = all.stream().filter((r) -> r.otherShare > this.maxOther).count();
        if (disturbed > 0) {
            System.out.printf(Locale.ROOT, "WARNING: %d measurements ran while other processes used more than %.0f%% "
                    + "of the CPUs: their numbers are low; run again on a quiet machine.%n", disturbed,
                    this.maxOther * 100);
        }
        long failed = all.stream().mapToLong((r) -> r.errors).sum();
        if (failed > 0) {
            System.out.println("WARNING: " + failed + " requests failed during the measured phases; see above.");
        }
    }

    /** The one-JVM rows against the targets: sign/verify costs, throughput ratios, CPU per request. */
    private void reportOneJvm(List<Result> results, Map<String, Micro> micro) {
        System.out.println();
        System.out.println("== One signature and one verification, one thread, same JVM (CPU time per operation) ==");
        micro.forEach((name, m) -> System.out.printf(Locale.ROOT, LABEL_FORMAT + " sign (Authorization header) "
                + "%8.1f us  verify (order response) %6.1f us%n", LABELS.get(name), m.signNanos / 1000,
                m.verifyNanos / 1000));

        System.out.println();
        System.out.println("== Throughput ratios, requests/s (same run) ==");
        for (int level : this.levels) {
            ratio(results, level, OURS_ACCP, OFFICIAL, "the SDK as users run it; providers differ (ACCP vs JDK)",
                    Double.NaN);
            ratio(results, level, OURS_ACCP, OFFICIAL_ACCP, "same provider (ACCP): what the client itself adds or "
                    + "saves", (level == 1) ? 0.95 : 1.0);
            ratio(results, level, OURS_JDK, OFFICIAL, "same provider (JDK)", 1.0);
        }

        System.out.println();
        System.out.println("== Against the targets (same run) ==");
        for (int level : this.levels) {
            Result raw = find(results, RAW, level);
            for (String ours : List.of(OURS_ACCP, OURS_JDK)) {
                Result mine = find(results, ours, level);
                Micro m = micro.get(ours);
                if (mine != null && raw != null && m != null) {
                    double floor = raw.cpuMicrosPerRequest() + (m.signNanos + m.verifyNanos) / 1000;
                    double added = mine.cpuMicrosPerRequest() - floor;
                    String verdict = (level == 64) ? ((added <= 10) ? "  -> target <= +10 us at c=64: MET"
                            : "  -> target <= +10 us at c=64: MISSED") : "";
                    System.out.printf(Locale.ROOT, "CPU/req c=%-3d %-20s %7.1f us vs raw %.1f + sign %.1f + verify "
                            + "%.1f = %.1f us: %+.1f us (%4.2fx)%s%n", level, LABELS.get(ours),
                            mine.cpuMicrosPerRequest(), raw.cpuMicrosPerRequest(), m.signNanos / 1000,
                            m.verifyNanos / 1000, floor, added, mine.cpuMicrosPerRequest() / floor, verdict);
                }
                againstMeasuredFloor(results, level, ours, "measured as one client");
            }
        }
        withoutCrypto(results);
    }

    /** Ours' client CPU per request against its provider's floor (the CPU target), when both ran. */
    private static void againstMeasuredFloor(List<Result> results, int level, String ours, String how) {
        Result mine = find(results, ours, level);
        Result floor = find(results, ours.equals(OURS_ACCP) ? FLOOR_ACCP : FLOOR_JDK, level);
        if (mine == null || floor == null) {
            return;
        }
        double added = mine.cpuMicrosPerRequest() - floor.cpuMicrosPerRequest();
        String verdict = (level == 64) ? ((added <= 10) ? "  -> target <= +10 us at c=64: MET"
                : "  -> target <= +10 us at c=64: MISSED") : "";
        System.out.printf(Locale.ROOT, "CPU/req c=%-3d %-20s %7.1f us vs %s, %s, %.1f us: %+.1f us (%4.2fx)%s%n",
                level, LABELS.get(ours), mine.cpuMicrosPerRequest(), LABELS.get(floor.client()), how,
                floor.cpuMicrosPerRequest(), added, mine.cpuMicrosPerRequest() / floor.cpuMicrosPerRequest(), verdict);
    }

    /** What our layer costs besides the crypto: ours and the floor, both with a provider that does nothing. */
    private void withoutCrypto(List<Result> results) {
        for (int level : this.levels) {
            Result oursNone = find(results, OURS_NONE, level);
            Result floorNone = find(results, FLOOR_NONE, level);
            if (oursNone != null && floorNone != null) {
                System.out.printf(Locale.ROOT, "CPU/req c=%-3d without crypto: %s %.1f us vs %s %.1f us: %+.1f us "
                        + "(what our layer adds besides the crypto)%n", level, LABELS.get(OURS_NONE),
                        oursNone.cpuMicrosPerRequest(), LABELS.get(FLOOR_NONE), floorNone.cpuMicrosPerRequest(),
                        oursNone.cpuMicrosPerRequest() - floorNone.cpuMicrosPerRequest());
            }
        }
    }

    /**
     * One throughput ratio line, with both clients' CPU per request; nothing when either did not run. When the pair
     * ran in turn over several rounds, a second line gives the rounds' geometric mean, its 95% interval, and where
     * the interval lies against the target.
     */
    private void ratio(List<Result> results, int level, String mine, String theirs, String meaning,
            double target) {
        Result a = find(results, mine, level);
        Result b = find(results, theirs, level);
        if (a == null || b == null) {
            return;
        }
        double ratio = a.throughput() / b.throughput();
        String verdict = Double.isNaN(target) ? ""
                : String.format(Locale.ROOT, "  -> target >= %.2fx: %s%s", target, (ratio >= target) ? "MET" : "MISSED",
                        shortfall(ratio, target));
        System.out.printf(Locale.ROOT, "c=%-3d %-18s / %-40s = %5.2fx  (client CPU/req %.1f vs %.1f us)  %s%s%n",
                level, LABELS.get(mine), LABELS.get(theirs), ratio, a.cpuMicrosPerRequest(), b.cpuMicrosPerRequest(),
                meaning, verdict);
        Rounds pair = this.roundRatios.get(a);
        if (pair != null && pair.against() == b) {
            String where = Double.isNaN(target) ? "" : "; " + pair.ratios().against(target);
            System.out.printf(Locale.ROOT, "      round by round: %s%s%n", pair.ratios().describe(), where);
        }
    }

    /** {@code " (0.997x)"} for a ratio that prints as its target but falls short of it; empty otherwise. */
    private static String shortfall(double ratio, double target) {
        String shown = String.format(Locale.ROOT, "%.2f", ratio);
        return (ratio < target && shown.equals(String.format(Locale.ROOT, "%.2f", target)))
                ? String.format(Locale.ROOT, " (%.3fx)", ratio) : "";
    }

    private int levelIndex(int level) {
        for (int i = 0; i < this.levels.length; i++) {
            if (this.levels[i] == level) {
                return i;
            }
        }
        return this.levels.length;
    }

    private static Result find(List<Result> results, String client, int level) {
        return results.stream().filter((r) -> r.client.equals(client) && r.concurrency == level).findFirst()
            .orElse(null);
    }

    private static int[] parseLevels(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    // ---------------------------------------------------------------- cold starts

    /**
     * Each client fresh in a JVM of its own ({@link ColdStart}): built, one first call, then {@code bench.cold.seconds}
     * of load at {@code bench.cold.concurrency} against this warm server; {@code bench.cold.runs} rounds, the
     * clients in turn within each round.
     */
    private List<Cold> coldStarts(Provider accp) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String name : List.of(OURS_ACCP, OFFICIAL_ACCP, OURS_JDK, OFFICIAL)) {
            boolean needsAccp = name.equals(OURS_ACCP) || name.equals(OFFICIAL_ACCP);
            if (this.clientNames.contains(name) && (accp != null || !needsAccp)) {
                names.add(name);
            }
        }
        List<Cold> colds = new ArrayList<>();
        String java = javaCommand();
        for (int run = 1; run <= this.coldRuns; run++) {
            for (String name : names) {
                String waited = MachineLoad.awaitQuiet(this.maxOther, this.quietWaitSeconds);
                System.out.printf(Locale.ROOT, "cold start %d/%d " + LABEL_FORMAT + "%s, fresh JVM, first call then %d s "
                        + "at c=%d ...", run, this.coldRuns, LABELS.get(name), waited, this.coldSeconds,
                        this.coldConcurrency);
                System.out.flush();
                long machineBefore = MachineLoad.busyNanos();
                long wallStart = System.nanoTime();
                ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        ColdStart.class.getName(), name, this.baseUrl, Fixtures.publicKeyBase64(this.platformKey),
                        Integer.toString(this.coldConcurrency), Integer.toString(this.coldSeconds));
                builder.redirectError(ProcessBuilder.Redirect.INHERIT);
                Process process = builder.start();
                String line;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    line = out.lines().filter((text) -> text.startsWith("COLD ")).findFirst().orElse(null);
                }
                if (!process.waitFor(this.coldSeconds + 120L, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                if (line == null) {
                    throw new IllegalStateException("The cold start of " + name + " printed no result");
                }
                Cold cold = Cold.parse(line);
                // the whole machine's busy time over the cold JVM's own measured window is not known here: report
                // how busy the machine was around it, the JVM and this server included
                long wall = System.nanoTime() - wallStart;
                double busy = (machineBefore < 0) ? 0 : (MachineLoad.busyNanos() - machineBefore)
                        / ((double) wall * Runtime.getRuntime().availableProcessors());
                colds.add(cold);
                System.out.printf(Locale.ROOT, " %,.0f req/s over the first %d s (first call %.0f ms, JIT %.0f ms; "
                        + "machine %.0f%% busy, this run included)%n", cold.throughput(), this.coldSeconds,
                        cold.firstMillis(), cold.jitMillis(), busy * 100);
            }
        }
        return colds;
    }

    private void reportColdStarts(List<Cold> colds, List<Result> results) {
        if (colds.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "== Cold start: each client fresh in its own JVM, first call, then %d s at c=%d "
                + "(mean of %d runs) ==%n", this.coldSeconds, this.coldConcurrency, this.coldRuns);
        System.out.printf(Locale.ROOT, LABEL_FORMAT + " %9s %9s %10s %11s %9s %9s %8s  %s%n", "client", "build", "first",
                "req/s", "vs warm", "JIT", "CPU", "classes", "requests per second, run 1");
        for (String name : coldNames(colds)) {
            List<Cold> runs = colds.stream().filter((c) -> c.name().equals(name)).toList();
            Cold first = runs.get(0);
            Result warm = find(results, name, this.coldConcurrency);
            System.out.printf(Locale.ROOT, LABEL_FORMAT + " %6.0f ms %6.0f ms %,10.0f %11s %6.0f ms %6.0f ms %8.0f  %s%n",
                    LABELS.get(name), mean(runs, Cold::buildMillis), mean(runs, Cold::firstMillis),
                    mean(runs, Cold::throughput), (warm != null) ? String.format(Locale.ROOT, "%.0f%%",
                            100 * mean(runs, Cold::throughput) / warm.throughput()) : "n/a",
                    mean(runs, Cold::jitMillis), mean(runs, Cold::cpuMillis), mean(runs, Cold::classes),
                    java.util.Arrays.toString(first.perSecond()));
        }
        System.out.println("(build = building the client, first = its first call, req/s = requests completed over the "
                + this.coldSeconds + " s after the first call / " + this.coldSeconds + " s; JIT = compilation time and "
                + "CPU = process CPU time during those seconds; vs warm = against the same client's warm req/s at this "
                + "concurrency in this run)");
        coldRatio(colds, OURS_ACCP, OFFICIAL_ACCP, "same provider (ACCP)");
        coldRatio(colds, OURS_JDK, OFFICIAL, "same provider (JDK)");
    }

    private void coldRatio(List<Cold> colds, String mine, String theirs, String meaning) {
        double a = mean(colds.stream().filter((c) -> c.name().equals(mine)).toList(), Cold::throughput);
        double b = mean(colds.stream().filter((c) -> c.name().equals(theirs)).toList(), Cold::throughput);
        if (a > 0 && b > 0) {
            System.out.printf(Locale.ROOT, "cold start c=%-3d %-18s / %-40s = %5.2fx  %s%n", this.coldConcurrency,
                    LABELS.get(mine), LABELS.get(theirs), a / b, meaning);
        }
    }

    private static List<String> coldNames(List<Cold> colds) {
        return colds.stream().map(Cold::name).distinct().toList();
    }

    private static double mean(List<Cold> runs, java.util.function.ToDoubleFunction<Cold> value) {
        return runs.stream().mapToDouble(value).average().orElse(0);
    }

    // ---------------------------------------------------------------- the chart

    /** Requests/s per client at each concurrency level (and of the cold starts), with the ratios, as an SVG. */
    private void writeChart(List<Result> results, List<Result> separate, List<Cold> colds) {
        List<ResultsChart.Panel> panels = new ArrayList<>();
        for (int level : this.levels) {
            addPanel(panels, results, level, level + " in flight (warm), requests/s");
            addPanel(panels, separate, level, level + " in flight (warm), each client alone in a JVM of its own, "
                    + "requests/s");
        }
        if (!colds.isEmpty()) {
            List<ResultsChart.Bar> bars = new ArrayList<>();
            for (String name : coldNames(colds)) {
                bars.add(new ResultsChart.Bar(LABELS.get(name),
                        mean(colds.stream().filter((c) -> c.name().equals(name)).toList(), Cold::throughput), name));
            }
            panels.add(new ResultsChart.Panel("cold start: first " + this.coldSeconds + " s after the first call, "
                    + this.coldConcurrency + " in flight, requests/s", bars));
        }
        List<String> notes = new ArrayList<>();
        for (int level : this.levels) {
            Result mine = find(results, OURS_ACCP, level);
            Result sdkAccp = find(results, OFFICIAL_ACCP, level);
            Result ourJdk = find(results, OURS_JDK, level);
            Result sdk = find(results, OFFICIAL, level);
            StringBuilder note = new StringBuilder("c=" + level + " (warm):");
            int empty = note.length();
            if (mine != null && sdkAccp != null) {
                note.append(String.format(Locale.ROOT, "  ours ÷ SDK, both ACCP %.2fx", mine.throughput()
                        / sdkAccp.throughput()));
            }
            if (ourJdk != null && sdk != null) {
                note.append(String.format(Locale.ROOT, "  ours ÷ SDK, both JDK %.2fx", ourJdk.throughput()
                        / sdk.throughput()));
            }
            if (mine != null && sdk != null) {
                note.append(String.format(Locale.ROOT, "  ours (ACCP) ÷ SDK as shipped (JDK) %.2fx",
                        mine.throughput() / sdk.throughput()));
            }
            if (note.length() > empty) {
                notes.add(note.toString());
            }
        }
        for (int level : this.levels) {
            StringBuilder note = new StringBuilder("c=" + level + " (warm), each client alone in a JVM of its own:");
            int empty = note.length();
            for (List<String> pair : List.of(List.of(OURS_ACCP, OFFICIAL_ACCP, "ACCP"), List.of(OURS_JDK, OFFICIAL,
                    "JDK"))) {
                Result mine = find(separate, pair.get(0), level);
                Result theirs = find(separate, pair.get(1), level);
                if (mine != null && theirs != null) {
                    note.append(String.format(Locale.ROOT, "  ours ÷ SDK, both %s %.2fx", pair.get(2),
                            mine.throughput() / theirs.throughput()));
                }
            }
            if (note.length() > empty) {
                notes.add(note.toString());
            }
        }
        double coldAccp = mean(colds.stream().filter((c) -> c.name().equals(OURS_ACCP)).toList(), Cold::throughput);
        double coldSdkAccp = mean(colds.stream().filter((c) -> c.name().equals(OFFICIAL_ACCP)).toList(),
                Cold::throughput);
        if (coldAccp > 0 && coldSdkAccp > 0) {
            notes.add(String.format(Locale.ROOT, "cold start, first %d s at c=%d:  ours ÷ SDK, both ACCP %.2fx",
                    this.coldSeconds, this.coldConcurrency, coldAccp / coldSdkAccp));
        }
        if (panels.isEmpty()) {
            return;
        }
        try {
            java.nio.file.Path path = java.nio.file.Path.of(this.chartPath);
            if (path.getParent() != null) {
                java.nio.file.Files.createDirectories(path.getParent());
            }
            java.nio.file.Files.writeString(path, ResultsChart.svg("wechatpay-discountcard load benchmark, "
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC), panels, notes));
            System.out.println();
            System.out.println("chart written to " + path.toAbsolutePath());
        }
        catch (IOException ex) {
            System.out.println("could not write the chart to " + this.chartPath + ": " + ex.getMessage());
        }
    }

    /** One panel of bars, the clients that ran at that level in the order of the tables; none when none ran. */
    private static void addPanel(List<ResultsChart.Panel> panels, List<Result> results, int level, String title) {
        List<ResultsChart.Bar> bars = new ArrayList<>();
        for (String name : ALL_CLIENTS) {
            Result r = find(results, name, level);
            if (r != null) {
                bars.add(new ResultsChart.Bar(LABELS.get(name), r.throughput(), name));
            }
        }
        if (!bars.isEmpty()) {
            panels.add(new ResultsChart.Panel(title, bars));
        }
    }

    // ---------------------------------------------------------------- types

    private record Micro(double signNanos, double verifyNanos) {
    }

    /** One cold start, as {@link ColdStart} printed it. */
    private record Cold(String name, double buildMillis, double firstMillis, long requests, long[] perSecond,
            double jitMillis, double cpuMillis, double classes) {

        static Cold parse(String line) {
            String[] words = line.split(" ");
            Map<String, String> fields = new HashMap<>();
            for (int i = 2; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
            long[] perSecond = java.util.Arrays.stream(fields.get("perSecond").split(",")).mapToLong(Long::parseLong)
                .toArray();
            return new Cold(words[1], Double.parseDouble(fields.get("build")), Double.parseDouble(fields.get("first")),
                    Long.parseLong(fields.get("requests")), perSecond, Double.parseDouble(fields.get("jit")),
                    Double.parseDouble(fields.get("cpu")), Double.parseDouble(fields.get("classes")));
        }

        double throughput() {
            return (double) this.requests / this.perSecond.length;
        }
    }

    /** A pair's round-by-round ratios against the summed result of its second client. */
    private record Rounds(Result against, RoundRatios ratios) {
    }

    private record Result(String client, int concurrency, long ok, long errors, long elapsedNanos, long cpuNanos,
            long serverCpuNanos, long allocatedBytes, double otherShare, long jitMillis, long jitCpuNanos,
            long gcCpuNanos, long serverWakeUps, long clientPreemptions, String firstError) {

        /** Several measurements of one client at one level as one: counts and times added up. */
        static Result sum(List<Result> parts) {
            Result first = parts.get(0);
            if (parts.size() == 1) {
                return first;
            }
            return new Result(first.client, first.concurrency, parts.stream().mapToLong(Result::ok).sum(),
                    parts.stream().mapToLong(Result::errors).sum(), parts.stream().mapToLong(Result::elapsedNanos).sum(),
                    parts.stream().mapToLong(Result::cpuNanos).sum(),
                    parts.stream().mapToLong(Result::serverCpuNanos).sum(),
                    parts.stream().mapToLong(Result::allocatedBytes).sum(),
                    parts.stream().mapToDouble(Result::otherShare).max().orElse(0),
                    parts.stream().mapToLong(Result::jitMillis).sum(),
                    sumOrUnknown(parts, Result::jitCpuNanos), sumOrUnknown(parts, Result::gcCpuNanos),
                    sumOrUnknown(parts, Result::serverWakeUps), sumOrUnknown(parts, Result::clientPreemptions),
                    parts.stream().map(Result::firstError).filter(java.util.Objects::nonNull).findFirst().orElse(null));
        }

        private static long sumOrUnknown(List<Result> parts, java.util.function.ToLongFunction<Result> value) {
            return parts.stream().mapToLong(value).anyMatch((nanos) -> nanos < 0) ? -1
                    : parts.stream().mapToLong(value).sum();
        }

        /** Microseconds per request of CPU time, or "n/a" when it could not be read. */
        String perRequest(long nanos) {
            return (nanos < 0) ? "n/a" : String.format(Locale.ROOT, "%.1f us", nanos / 1000.0 / Math.max(1, this.ok));
        }

        /** A count per request, or "n/a" when it could not be read. */
        String countPerRequest(long count) {
            return (count < 0) ? "n/a" : String.format(Locale.ROOT, "%.2f", count / (double) Math.max(1, this.ok));
        }

        /** Milliseconds the JIT compiled per second of the phase (its compiler threads, summed). */
        double jitMillisPerSecond() {
            return this.jitMillis / (this.elapsedNanos / 1e9);
        }

        String disturbance() {
            return (this.otherShare > 0.02) ? String.format(Locale.ROOT, " (other processes: %.0f%% of the CPUs)",
                    this.otherShare * 100) : "";
        }

        double throughput() {
            return this.ok / (this.elapsedNanos / 1e9);
        }

        double cpuMicrosPerRequest() {
            return this.cpuNanos / 1000.0 / Math.max(1, this.ok);
        }

        double serverCpuMicrosPerRequest() {
            return this.serverCpuNanos / 1000.0 / Math.max(1, this.ok);
        }
    }

    /** A client under test: in this JVM ({@link Client}), or alone in a JVM of its own ({@link ClientJvm}). */
    interface Target {

        String name();

        default String label() {
            return LABELS.get(name());
        }

        /** One call for the pre-flight checks: the order number read, or an exception. */
        String call(String orderNo);

        /** Keeps {@code concurrency} calls in flight for {@code seconds}: what the client's process counted. */
        Reading read(int concurrency, long seconds) throws InterruptedException;

        /** The connections this client opened so far. */
        long connectionsOpened();

        void close();
    }

    /**
     * What the client's own process counted over one phase: calls that succeeded and failed, wall time, its CPU
     * time (of it, the JIT's and the GC's threads, or -1 when unknown), the bytes its threads allocated, the JIT's
     * milliseconds, its threads' involuntary context switches (-1 when unknown), the first error.
     */
    record Reading(long ok, long errors, long elapsedNanos, long cpuNanos, long allocatedBytes, long jitMillis,
            long jitCpuNanos, long gcCpuNanos, long preemptions, String firstError) {

        /** One line of space-separated numbers, the first error last (Base64, or "-" for none). */
        String toLine() {
            String error = (this.firstError != null) ? java.util.Base64.getEncoder()
                .encodeToString(this.firstError.getBytes(StandardCharsets.UTF_8)) : "-";
            return String.format(Locale.ROOT, "%d %d %d %d %d %d %d %d %d %s", this.ok, this.errors, this.elapsedNanos,
                    this.cpuNanos, this.allocatedBytes, this.jitMillis, this.jitCpuNanos, this.gcCpuNanos,
                    this.preemptions, error);
        }

        static Reading parse(String line) {
            String[] f = line.split(" ");
            String error = f[9].equals("-") ? null
                    : new String(java.util.Base64.getDecoder().decode(f[9]), StandardCharsets.UTF_8);
            return new Reading(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                    Long.parseLong(f[8]), error);
        }
    }

    /** What one phase counted. */
    private static final class Outcome {

        final LongAdder ok = new LongAdder();

        final LongAdder errors = new LongAdder();

        final AtomicReference<String> firstError = new AtomicReference<>();

        /**
         * What worker threads that end with the phase allocated, each counted by the thread itself (it may be gone
         * when the phase is counted).
         */
        final LongAdder endedThreadsAllocated = new LongAdder();

        /** The ids of those threads, so the per-thread sum leaves them out. */
        final Set<Long> selfCountedThreads = ConcurrentHashMap.newKeySet();

        /** How often those threads were preempted (involuntary context switches), each counted by the thread itself. */
        final LongAdder endedThreadsPreemptions = new LongAdder();

        /** Their Linux task ids, so the per-task sum leaves them out. */
        final Set<Long> selfCountedTids = ConcurrentHashMap.newKeySet();

        void failed(Throwable ex) {
            this.errors.increment();
            this.firstError.compareAndSet(null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }

    /** One client under test: how to call it once, and how to keep {@code concurrency} calls in flight. */
    private static final class Client implements Target {

        final String name;

        private final Supplier<Mono<?>> reactiveCall;

        private final java.util.function.Function<String, Mono<?>> reactiveByOrder;

        private final Supplier<String> blockingCall;

        private final java.util.function.Function<String, String> blockingByOrder;

        RequestSigner signer;

        ResponseVerifier verifier;

        /** The official SDK's configuration, for its sign/verify micro-measurement. */
        RSAPublicKeyConfig sdkConfig;

        Runnable onClose = () -> {
        };

        /** The connections this client opened so far. */
        private LongAdder opened = new LongAdder();

        private Client(String name, Supplier<Mono<?>> reactiveCall,
                java.util.function.Function<String, Mono<?>> reactiveByOrder, Supplier<String> blockingCall,
                java.util.function.Function<String, String> blockingByOrder) {
            this.name = name;
            this.reactiveCall = reactiveCall;
            this.reactiveByOrder = reactiveByOrder;
            this.blockingCall = blockingCall;
            this.blockingByOrder = blockingByOrder;
        }

        static Client reactive(String name, Supplier<Mono<?>> call,
                java.util.function.Function<String, Mono<?>> byOrder) {
            return new Client(name, call, byOrder, null, null);
        }

        static Client blocking(String name, Supplier<String> call, java.util.function.Function<String, String> byOrder) {
            return new Client(name, null, null, call, byOrder);
        }

        @Override
        public String name() {
            return this.name;
        }

        Client opening(LongAdder connections) {
            this.opened = connections;
            return this;
        }

        @Override
        public long connectionsOpened() {
            return this.opened.sum();
        }

        @Override
        public Reading read(int concurrency, long seconds) throws InterruptedException {
            return readHere(this, concurrency, seconds);
        }

        @Override
        public String call(String orderNo) {
            if (this.blockingCall != null) {
                return this.blockingByOrder.apply(orderNo);
            }
            Object result = (this.reactiveByOrder != null) ? this.reactiveByOrder.apply(orderNo).block(
                    Duration.ofSeconds(30)) : this.reactiveCall.get().block(Duration.ofSeconds(30));
            if (result instanceof DiscountCardOrder order) {
                return order.outOrderNo();
            }
            return null;
        }

        /** Keeps {@code concurrency} calls in flight until the deadline, then waits for the last ones. */
        Outcome run(int concurrency, long deadline) throws InterruptedException {
            Outcome outcome = new Outcome();
            if (this.reactiveCall != null) {
                Mono<Void> worker = Mono.defer(this.reactiveCall)
                    .doOnNext((value) -> outcome.ok.increment())
                    .onErrorResume((ex) -> {
                        outcome.failed(ex);
                        return Mono.empty();
                    })
                    .repeat(() -> System.nanoTime() < deadline)
                    .then();
                Flux.range(0, concurrency).flatMap((i) -> worker, concurrency).then()
                    .block(Duration.ofNanos(deadline - System.nanoTime()).plusSeconds(60));
                return outcome;
            }
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            for (int i = 0; i < concurrency; i++) {
                pool.execute(() -> {
                    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                        .getThreadMXBean();
                    outcome.selfCountedThreads.add(Thread.currentThread().getId());
                    long allocatedAtStart = threads.getCurrentThreadAllocatedBytes();
                    outcome.selfCountedTids.add(ContextSwitches.currentTid());
                    long[] switchesAtStart = ContextSwitches.ofCurrentThread();
                    while (System.nanoTime() < deadline) {
                        try {
                            this.blockingCall.get();
                            outcome.ok.increment();
                        }
                        catch (RuntimeException ex) {
                            outcome.failed(ex);
                        }
                    }
                    outcome.endedThreadsAllocated.add(threads.getCurrentThreadAllocatedBytes() - allocatedAtStart);
                    long[] switchesAtEnd = ContextSwitches.ofCurrentThread();
                    if (switchesAtStart != ContextSwitches.UNKNOWN && switchesAtEnd != ContextSwitches.UNKNOWN) {
                        outcome.endedThreadsPreemptions.add(switchesAtEnd[1] - switchesAtStart[1]);
                    }
                });
            }
            pool.shutdown();
            long wait = deadline - System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            if (!pool.awaitTermination(wait, TimeUnit.NANOSECONDS)) {
                pool.shutdownNow();
                throw new IllegalStateException(this.name + " did not finish within 60 s after its deadline");
            }
            return outcome;
        }

        @Override
        public void close() {
            this.onClose.run();
        }
    }
}
