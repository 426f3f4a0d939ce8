package io.github.discountcard.test.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Why the kit is a module of its own (see the package Javadoc): the simulator stays free of Spring, and the kit
 * refers to the starter by its property names only, never to its classes.
 */
class TestKitArchitectureTests {

    private static final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.discountcard");

    @Test
    void theSimulatorDependsOnNoSpring() {
        noClasses().that().resideInAPackage("io.github.discountcard.test")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .check(classes);
    }

    @Test
    void theKitKnowsTheStarterByItsPropertiesOnly() {
        noClasses().that().resideInAPackage("io.github.discountcard.test.autoconfigure..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.discountcard.autoconfigure..",
                    "io.github.discountcard.client..")
            .check(classes);
    }
}
