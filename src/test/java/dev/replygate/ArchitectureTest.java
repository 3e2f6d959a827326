package dev.replygate;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout of DESIGN.md: packages by feature, no cycles between them, two infrastructure
 * packages that know no feature, and shared packages ({@code address}, {@code text}) that every
 * package may use and that use nothing else of replygate.
 */
@AnalyzeClasses(packages = "dev.replygate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String REPLYGATE = "dev.replygate..";
    private static final String CONFIG = "dev.replygate.config..";
    private static final String STORE = "dev.replygate.store..";
    private static final String ADDRESS = "dev.replygate.address..";
    private static final String TEXT = "dev.replygate.text..";

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices()
            .matching("dev.replygate.(*)..")
            .namingSlices("package $1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule configDependsOnNothingElseOfReplygate = noClasses()
            .that().resideInAPackage(CONFIG)
            .should().dependOnClassesThat(resideInAPackage(REPLYGATE).and(resideOutsideOfPackages(CONFIG, ADDRESS, TEXT)))
            .because("configuration is read and validated before anything else exists");

    @ArchTest
    static final ArchRule addressDependsOnNothingElseOfReplygate = noClasses()
            .that().resideInAPackage(ADDRESS)
            .should().dependOnClassesThat(resideInAPackage(REPLYGATE).and(resideOutsideOfPackages(ADDRESS)))
            .because("every package, configuration included, reads addresses with it");

    @ArchTest
    static final ArchRule textDependsOnNothingElseOfReplygate = noClasses()
            .that().resideInAPackage(TEXT)
            .should().dependOnClassesThat(resideInAPackage(REPLYGATE).and(resideOutsideOfPackages(TEXT)))
            .because("received mail and our own mail are read and written as text with it");

    @ArchTest
    static final ArchRule storeIsInfrastructureOnly = noClasses()
            .that().resideInAPackage(STORE)
            .should().dependOnClassesThat(resideInAPackage(REPLYGATE).and(resideOutsideOfPackages(STORE, CONFIG, ADDRESS,
                    TEXT)))
            .because("each feature owns its tables' queries; the store only opens, migrates and runs transactions");
}
