package io.candor.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** shared-events is a published contract: it may not pull Spring, MongoDB or Axon's machinery into its users. */
class SharedEventsArchitectureTest {

    private final JavaClasses contract = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.candor.events");

    @Test
    void sharedEvents_dependOnNoSpringAndNoMongoDb() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "de.bwaldvogel..")
                .check(contract);
    }

    @Test
    void sharedEvents_useAxonForAnnotationsOnly() {
        noClasses().should().dependOnClassesThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("Axon types other than @Revision",
                                type -> type.getPackageName().startsWith("org.axonframework")
                                        && !type.getName().equals("org.axonframework.serialization.Revision")))
                .check(contract);
    }

    @Test
    void everyEvent_isARecord() {
        classes().that().resideInAnyPackage("io.candor.events.opportunity", "io.candor.events.candidate")
                .and().areNotInterfaces()
                .should().beRecords()
                .check(contract);
    }
}
