package io.github.discountcard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What Maven cannot hold: the package direction core ← client ← auto-configuration inside the modules, and no
 * JVM-wide changes.
 */
class ArchitectureTests {

    private static final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.discountcard");

    @Test
    void coreDependsOnNoSpring() {
        noClasses().that().resideInAPackage("io.github.discountcard.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..",
                    "io.github.discountcard.client..", "io.github.discountcard.autoconfigure..")
            .check(classes);
    }

    @Test
    void clientDependsOnNoAutoConfiguration() {
        // Maven keeps Spring Boot out of the client module; this keeps the package direction
        noClasses().that().resideInAPackage("io.github.discountcard.client..")
            .should().dependOnClassesThat().resideInAPackage("io.github.discountcard.autoconfigure..")
            .check(classes);
    }

    @Test
    void modelsDependOnNothingButJacksonAnnotations() {
        noClasses().that().resideInAPackage("io.github.discountcard.client.model..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..",
                    "io.github.discountcard.core..")
            .check(classes);
    }

    @Test
    void libraryCodeNeverChangesJvmWideState() {
        noClasses().should().callMethod(java.security.Security.class, "addProvider", java.security.Provider.class)
            .orShould().callMethod(java.security.Security.class, "insertProviderAt", java.security.Provider.class, int.class)
            .orShould().callMethod(System.class, "setProperty", String.class, String.class)
            .orShould().callMethod(java.util.TimeZone.class, "setDefault", java.util.TimeZone.class)
            .orShould().callMethod(java.util.Locale.class, "setDefault", java.util.Locale.class)
            .check(classes);
    }
}
