package io.github.discountcard.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One client under test alone in a long-lived JVM of its own, driven from {@link LoadBenchmark} over the
 * worker's stdin and stdout ({@link LoadBenchmark#work}): the JVM builds the client once, then runs only the
 * phases it is told to run, so no other client's code shares its JIT profile. Lines the worker prints besides
 * its answers are passed on, indented.
 * <p>
 * The protocol, one line each way: {@code call <order no>} answers {@code CALLED <order no read>} or
 * {@code REFUSED <exception type> <message>}; {@code read <concurrency> <seconds>} answers
 * {@code READ <reading>} ({@link LoadBenchmark.Reading#toLine}); {@code connections} answers
 * {@code CONNECTIONS <n>}. The worker builds its client from a first line {@code <base URL> <platform public key>
 * <merchant public key> <merchant private key>} (Base64, X.509 and PKCS#8: the benchmark's throwaway keys, not on
 * the command line), answers {@code READY}, and exits when its stdin closes.
 */
final class ClientJvm implements LoadBenchmark.Target, AutoCloseable {

    /** JVM options for every worker, space-separated: none by default, as the one-JVM run has none. */
    private static final String JVM_ARGS = System.getProperty("bench.worker.jvmArgs", "");

    private final String name;

    private final Process process;

    private final BufferedReader out;

    private final PrintStream in;

    private ClientJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts the worker for {@code name} and waits until its client is built. */
    static ClientJvm start(String java, String name, String baseUrl, java.security.PublicKey platformKey,
            KeyPair merchant) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        Arrays.stream(JVM_ARGS.trim().split("\\s+")).filter((arg) -> !arg.isEmpty()).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadBenchmark.class.getName(), "worker",
                name));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        ClientJvm jvm = new ClientJvm(name, builder.start());
        Base64.Encoder base64 = Base64.getEncoder();
        jvm.in.println(baseUrl + " " + Fixtures.publicKeyBase64(platformKey) + " "
                + base64.encodeToString(merchant.getPublic().getEncoded()) + " "
                + base64.encodeToString(merchant.getPrivate().getEncoded()));
        jvm.answer("READY");
        return jvm;
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public String call(String orderNo) {
        this.in.println("call " + orderNo);
        String answer = answer("CALLED", "REFUSED");
        if (answer.startsWith("REFUSED ")) {
            throw new Refused(answer.substring("REFUSED ".length()));
        }
        String read = answer.substring("CALLED ".length());
        return read.equals("-") ? null : read;
    }

    @Override
    public LoadBenchmark.Reading read(int concurrency, long seconds) {
        this.in.println("read " + concurrency + " " + seconds);
        return LoadBenchmark.Reading.parse(answer("READ").substring("READ ".length()));
    }

    @Override
    public long connectionsOpened() {
        this.in.println("connections");
        return Long.parseLong(answer("CONNECTIONS").substring("CONNECTIONS ".length()));
    }

    /** Closes the worker's stdin, which ends it; forcibly when it has not ended 10 s later. */
    @Override
    public void close() {
        this.in.close();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The worker's next answer: the first line that starts with one of the words; others are passed on. */
    private String answer(String... words) {
        try {
            for (String line = this.out.readLine(); line != null; line = this.out.readLine()) {
                for (String word : words) {
                    if (line.equals(word) || line.startsWith(word + " ")) {
                        return line;
                    }
                }
                System.out.println("    [" + this.name + " JVM] " + line);
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException("Lost the " + this.name + " JVM", ex);
        }
        throw new IllegalStateException(String.format(Locale.ROOT, "The %s JVM ended before answering %s",
                this.name, String.join(" or ", words)));
    }

    /** What a client in a worker JVM threw, as it reported it: its type's simple name, then its message. */
    static final class Refused extends RuntimeException {

        Refused(String typeAndMessage) {
            super(typeAndMessage);
        }

        /** The simple name of the exception the worker's client threw. */
        String type() {
            String text = getMessage();
            int space = text.indexOf(' ');
            return (space < 0) ? text : text.substring(0, space);
        }
    }
}
