package io.candor.standalone;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The sides meet only through shared-events and the event store. Checked here, where both sides are on one
 * classpath, so that a dependency slipped in through the launcher would still be caught.
 */
class ArchitectureTest {

    private final JavaClasses candor = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.candor");

    @Test
    void querySide_neverImportsTheCommandSide() {
        noClasses().that().resideInAPackage("io.candor.query..")
                .should().dependOnClassesThat().resideInAPackage("io.candor.command..")
                .check(candor);
    }

    @Test
    void commandSide_neverReadsTheViews() {
        noClasses().that().resideInAPackage("io.candor.command..")
                .should().dependOnClassesThat().resideInAPackage("io.candor.query..")
                .check(candor);
    }

    @Test
    void sharedEvents_dependOnNeitherSide() {
        noClasses().that().resideInAPackage("io.candor.events..")
                .should().dependOnClassesThat().resideInAnyPackage("io.candor.command..", "io.candor.query..",
                        "io.candor.infrastructure..", "org.springframework..", "com.mongodb..")
                .check(candor);
    }
}
