package io.github.discountcard.sample.readme;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discountcard.test.SimulatorMain;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps README.md honest: its client and test snippets are these compiled, tested classes word for word, every Java
 * snippet that declares a class has its imports, and the simulator's variable table lists every variable
 * {@link SimulatorMain} reads.
 */
class ReadmeSnippetsTests {

    private static final Path README = Path.of("..", "README.md");

    private static final Path SOURCES = Path.of("src", "test", "java", "io", "github", "discountcard", "sample",
            "readme");

    @Test
    void theClientAndTestSnippetsAreTheseClassesAsWritten() throws IOException {
        String readme = readme();
        for (String file : List.of("CardProgress.java", "CardProgressTests.java")) {
            String source = Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8);
            String withoutPackage = source.substring(source.indexOf("\n\n") + 2);
            assertThat(readme).as("README.md holds %s after its package line", file).contains(withoutPackage);
        }
    }

    @Test
    void theTestingYourServiceSnippetIsCardLifeTestsAsWritten() throws IOException {
        String source = Files.readString(SOURCES.resolve(Path.of("..", "CardLifeTests.java")), StandardCharsets.UTF_8);
        String withoutPackage = source.substring(source.indexOf("\n\n") + 2);
        assertThat(readme()).as("README.md holds CardLifeTests.java after its package line").contains(withoutPackage);
    }

    @Test
    void everyJavaSnippetThatDeclaresAClassHasItsImports() throws IOException {
        List<String> snippets = new ArrayList<>();
        Matcher matcher = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme());
        while (matcher.find()) {
            snippets.add(matcher.group(1));
        }
        assertThat(snippets).isNotEmpty();
        assertThat(snippets).filteredOn((snippet) -> snippet.contains("class "))
            .isNotEmpty()
            .allSatisfy((snippet) -> assertThat(snippet).contains("import "));
    }

    @Test
    void theVariableTableListsEverySimulatorVariable() throws IOException, IllegalAccessException {
        String readme = readme();
        List<String> variables = new ArrayList<>();
        for (Field field : SimulatorMain.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("SIMULATOR_")) {
                variables.add((String) field.get(null));
            }
        }
        assertThat(variables).contains(SimulatorMain.PORT, SimulatorMain.HOST, SimulatorMain.TLS);
        assertThat(variables).allSatisfy((name) -> assertThat(readme).contains("| `" + name + "` |"));
    }

    private static String readme() throws IOException {
        return Files.readString(README, StandardCharsets.UTF_8);
    }
}
