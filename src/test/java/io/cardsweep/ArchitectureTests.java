package io.cardsweep;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Dependencies point one way: job/cli → instruction, rules, ledger → provider port; the sandbox stands apart. */
class ArchitectureTests {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.cardsweep");
    }

    @Test
    void providerPortKnowsNothingOfTheRestOfTheApplication() {
        noClasses().that().resideInAPackage("io.cardsweep.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cardsweep.job..", "io.cardsweep.cli..", "io.cardsweep.ledger..",
                        "io.cardsweep.instruction..", "io.cardsweep.rules..", "io.cardsweep.sandbox..", "io.cardsweep.database..")
                .check(classes);
    }

    @Test
    void sourceRulesAndLedgerDoNotReachIntoJobOrCommandLine() {
        noClasses().that().resideInAnyPackage("io.cardsweep.instruction..", "io.cardsweep.rules..", "io.cardsweep.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cardsweep.job..", "io.cardsweep.cli..", "io.cardsweep.sandbox..")
                .check(classes);
    }

    @Test
    void metricsCountWhatTheJobTellsThemWithoutKnowingTheJob() {
        noClasses().that().resideInAPackage("io.cardsweep.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cardsweep.job..", "io.cardsweep.cli..", "io.cardsweep.sandbox..",
                        "io.cardsweep.instruction..", "io.cardsweep.rules..", "io.cardsweep.database..")
                .check(classes);
    }

    @Test
    void sandboxSimulatesProvidersWithoutUsingTheAdapters() {
        noClasses().that().resideInAPackage("io.cardsweep.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cardsweep.provider.plu..", "io.cardsweep.provider.cartevo..",
                        "io.cardsweep.provider.uncash..", "io.cardsweep.provider.htp..", "io.cardsweep.provider.nueve09..",
                        "io.cardsweep.job..", "io.cardsweep.cli..", "io.cardsweep.ledger..")
                .check(classes);
    }

    @Test
    void providerAdaptersDoNotDependOnEachOther() {
        slices().matching("io.cardsweep.provider.(*)..").should().notDependOnEachOther().check(classes);
    }
}
