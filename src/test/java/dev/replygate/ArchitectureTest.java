package dev.replygate;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Arrays;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout of DESIGN.md: packages by feature, no cycles between them, infrastructure packages that
 * know no feature, and shared packages that every package may use.
 *
 * <p>Received mail flows {@code mailbox → inbound → classify/decide → parse}: the mailbox hands raw
 * messages to inbound through its own {@code MessageSink} port and knows nothing of what a message
 * means; inbound runs parse, classify and decide, which know neither inbound nor the mailbox. What
 * replygate writes and later reads back (signed Message-IDs, reply tokens, the loop header, the body
 * marker) lives in {@code signing}, which the sending and the receiving side both use. A feature's
 * internals are its package-private classes, which the compiler keeps to it; these rules keep the
 * arrows between the packages.
 */
@AnalyzeClasses(packages = "dev.replygate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String REPLYGATE = "dev.replygate..";
    private static final String CONFIG = "dev.replygate.config..";
    private static final String STORE = "dev.replygate.store..";
    private static final String ADDRESS = "dev.replygate.address..";
    private static final String TEXT = "dev.replygate.text..";
    private static final String SIGNING = "dev.replygate.signing..";
    private static final String PARSE = "dev.replygate.parse..";
    private static final String CLASSIFY = "dev.replygate.classify..";
    private static final String DECIDE = "dev.replygate.decide..";
    private static final String MAILBOX = "dev.replygate.mailbox..";
    private static final String INBOUND = "dev.replygate.inbound..";
    private static final String NOTIFY = "dev.replygate.notify..";
    private static final String OUTBOUND = "dev.replygate.outbound..";
    private static final String HTTP = "dev.replygate.http..";
    private static final String METRICS = "dev.replygate.metrics..";
    private static final String OPS = "dev.replygate.ops..";
    private static final String STATUS = "dev.replygate.status..";
    private static final String API = "dev.replygate.api..";
    private static final String RETENTION = "dev.replygate.retention..";
    private static final String DIGEST = "dev.replygate.digest..";
    private static final String LOGGING = "dev.replygate.logging..";
    private static final String CLI = "dev.replygate.cli..";
    private static final String APP = "dev.replygate.app..";
    private static final String DEMO = "dev.replygate.demo..";

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices()
            .matching("dev.replygate.(*)..")
            .namingSlices("package $1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule configDependsOnNothingElseOfReplygate = usesOnly(CONFIG, ADDRESS, TEXT)
            .because("configuration is read and validated before anything else exists");

    @ArchTest
    static final ArchRule addressDependsOnNothingElseOfReplygate = usesOnly(ADDRESS)
            .because("every package, configuration included, reads addresses with it");

    @ArchTest
    static final ArchRule textDependsOnNothingElseOfReplygate = usesOnly(TEXT)
            .because("received mail and our own mail are read and written as text with it");

    @ArchTest
    static final ArchRule storeIsInfrastructureOnly = usesOnly(STORE, CONFIG, ADDRESS, TEXT)
            .because("each feature owns its tables' queries; the store only opens, migrates and runs transactions");

    @ArchTest
    static final ArchRule signingKnowsNoFeature = usesOnly(SIGNING, CONFIG, ADDRESS, TEXT)
            .because("what replygate signs is written by the sending side and read back by the receiving side:"
                    + " both depend on it, it on neither");

    @ArchTest
    static final ArchRule parseKnowsOnlyTheMail = usesOnly(PARSE, ADDRESS, TEXT)
            .because("parsing turns bytes into a parsed mail, whatever will be done with it");

    @ArchTest
    static final ArchRule classifyKnowsOnlyTheParsedMailAndOurSignatures = usesOnly(CLASSIFY, PARSE, SIGNING, ADDRESS, TEXT)
            .because("classify turns a parsed mail into facts; it neither fetches, decides nor records");

    @ArchTest
    static final ArchRule decideKnowsOnlyTheFacts = usesOnly(DECIDE, CLASSIFY, PARSE, SIGNING, ADDRESS, TEXT, STORE)
            .because("decide maps facts to an action; inbound carries the action out (the rate limiter reads"
                    + " and locks rows of the store inside inbound's transaction)");

    @ArchTest
    static final ArchRule theMailboxKnowsNothingOfWhatAMessageMeans = noClasses()
            .that().resideInAPackage(MAILBOX)
            .should().dependOnClassesThat(resideInAnyPackage(INBOUND, PARSE, CLASSIFY, DECIDE, SIGNING))
            .because("the mailbox hands raw messages to inbound through its MessageSink and moves them where"
                    + " inbound says");

    @ArchTest
    static final ArchRule theSendingSideKnowsNothingOfReceivedMail = noClasses()
            .that().resideInAnyPackage(NOTIFY, OUTBOUND)
            .should().dependOnClassesThat(resideInAnyPackage(MAILBOX, INBOUND, PARSE, CLASSIFY, DECIDE))
            .because("what both sides share lives in signing; received mail is read only by the receiving side");

    @ArchTest
    static final ArchRule httpIsInfrastructureOnly = usesOnly(HTTP, CONFIG, ADDRESS, TEXT)
            .because("the HTTP server serves the routes features give it and knows none of them");

    @ArchTest
    static final ArchRule metricsIsInfrastructureOnly = usesOnly(METRICS, CONFIG, ADDRESS, TEXT)
            .because("features count into the meters; the meters know no feature");

    @ArchTest
    static final ArchRule loggingIsInfrastructureOnly = usesOnly(LOGGING)
            .because("every stage says what its log lines are about with it");

    @ArchTest
    static final ArchRule operatorAndPortalFeaturesAreUsedOnlyByTheEntryPoints = noClasses()
            .that().resideOutsideOfPackages(OPS, STATUS, API, RETENTION, DIGEST, APP, CLI, DEMO)
            .should().dependOnClassesThat(resideInAnyPackage(OPS, STATUS, API, RETENTION, DIGEST))
            .because("the health, metrics and status pages, the portal's API and retention read or prune the"
                    + " features' records; no feature reads them");

    @ArchTest
    static final ArchRule nothingImportsTheCommandLine = noClasses()
            .that().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat(resideInAPackage(CLI))
            .because("the commands are the entry point; everything else is usable without them");

    @ArchTest
    static final ArchRule onlyTheEntryPointsImportTheWiringAndTheDemo = noClasses()
            .that().resideOutsideOfPackages(CLI, APP, DEMO)
            .should().dependOnClassesThat(resideInAnyPackage(APP, DEMO))
            .because("the composition root builds the features and the demo runs them; no feature builds another");

    /** No class of {@code pkg} uses a class of replygate outside {@code pkg} and {@code allowed}. */
    private static ArchRule usesOnly(String pkg, String... allowed) {
        String[] own = Stream.concat(Stream.of(pkg), Arrays.stream(allowed)).toArray(String[]::new);
        return noClasses()
                .that().resideInAPackage(pkg)
                .should().dependOnClassesThat(resideInAPackage(REPLYGATE).and(resideOutsideOfPackages(own)));
    }
}
