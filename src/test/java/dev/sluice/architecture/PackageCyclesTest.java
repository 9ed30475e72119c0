package dev.sluice.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering stays a layering: no Sluice package depends, directly or through others, on a
 * package that depends on it. Walks the compiled production classes' dependencies (fields,
 * signatures, calls, annotations), so a new import that closes a loop fails the build with the
 * classes that make it.
 */
class PackageCyclesTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice");

    @Test
    void noCycleBetweenPackages() {
        // (**) captures the whole package name: every package, sub-packages included, is its own slice.
        slices().matching("dev.sluice.(**)").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void theSharedModelImportsNoOtherSluicePackage() {
        noClasses().that().resideInAPackage("dev.sluice.model..")
                .should().dependOnClassesThat(resideInAPackage("dev.sluice..")
                        .and(resideOutsideOfPackage("dev.sluice.model..")))
                .check(PRODUCTION);
    }
}
