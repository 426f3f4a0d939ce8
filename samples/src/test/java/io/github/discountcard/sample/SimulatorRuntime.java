package io.github.discountcard.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.discountcard.test.SimulatorMain;

/**
 * What {@link SimulatorMain} needs at run time, picked from this test JVM's class path: the simulator module
 * ({@code wechatpay-discountcard-test}, as a jar or a classes directory), the protocol core and their runtime
 * dependencies (Reactor Netty and Netty, Jackson, BouncyCastle, JSpecify), and nothing of Spring or the sample.
 * The simulator-in-a-process test ({@code SampleAgainstSimulatorProcessTests}) runs exactly these files, without
 * packaging; the container test runs the packaged standalone jar instead ({@link StandaloneSimulatorContainer}).
 */
final class SimulatorRuntime {

    /** File name starts of the jars the simulator module pulls in at run time (see its dependency tree). */
    private static final List<String> JARS = List.of("wechatpay-discountcard-test-", "wechatpay-discountcard-core-",
            "jspecify-", "bcprov-", "bcpkix-", "bcutil-", "reactor-netty-", "reactor-core-", "reactive-streams-",
            "netty-", "jackson-core-", "jackson-databind-", "jackson-annotations-");

    private static final String MAIN_CLASS_FILE = SimulatorMain.class.getName().replace('.', '/') + ".class";

    private SimulatorRuntime() {
    }

    /**
     * The files by a short name: {@code lib/NAME.jar} for jars, {@code classes/N} for class directories (as an IDE
     * or {@code mvn test} without packaging puts on the class path).
     */
    static Map<String, Path> files() {
        Map<String, Path> files = new LinkedHashMap<>();
        int directories = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                if (Files.isRegularFile(path.resolve(MAIN_CLASS_FILE))
                        || Files.isDirectory(path.resolve("io/github/discountcard/core"))) {
                    files.put("classes/" + directories++, path);
                }
            }
            else if (Files.isRegularFile(path) && isNeededJar(path.getFileName().toString())) {
                String name = "lib/" + path.getFileName();
                files.put(files.containsKey(name) ? "lib/" + files.size() + "-" + path.getFileName() : name, path);
            }
        }
        boolean hasMain = files.entrySet().stream()
            .anyMatch((file) -> file.getKey().startsWith("classes/")
                    ? Files.isRegularFile(file.getValue().resolve(MAIN_CLASS_FILE))
                    : file.getValue().getFileName().toString().startsWith("wechatpay-discountcard-test-"));
        if (!hasMain) {
            throw new IllegalStateException("wechatpay-discountcard-test (with " + SimulatorMain.class.getName()
                    + ") is not on the class path: " + System.getProperty("java.class.path"));
        }
        return files;
    }

    /** The class path of a local process running the same files. */
    static String localClasspath(Map<String, Path> files) {
        return String.join(File.pathSeparator, files.values().stream().map(Path::toString).toList());
    }

    private static boolean isNeededJar(String name) {
        return name.endsWith(".jar") && JARS.stream().anyMatch(name::startsWith)
                && !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar");
    }
}
