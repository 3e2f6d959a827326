package dev.replygate.config;

import dev.replygate.address.MailAddress;
import dev.replygate.config.SmtpConfig.SmtpSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ConfigLoaderTest {

    static final Path SHIPPED = Path.of("config/replygate.yaml");

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void theShippedConfigLoadsWithoutProblems() {
        ReplygateConfig config = fixture.withEnvironment(ConfigFixture.SHIPPED_ENVIRONMENT).load(SHIPPED).config();

        assertThat(config.instance().domain()).isEqualTo("support.example.com");
        assertThat(config.sender().from()).isEqualTo(new MailAddress("support@example.com", "Example Hosting Support"));
        assertThat(config.signing().keys()).extracting(SigningConfig.SigningKey::id).containsExactly("k1");
        assertThat(config.templates().directory()).isEqualTo(SHIPPED.toAbsolutePath().getParent().resolve("templates"));
    }

    @Test
    void theShippedConfigDocumentsExactlyTheBuiltInDefaults() {
        ReplygateConfig shipped = fixture.withEnvironment(ConfigFixture.SHIPPED_ENVIRONMENT).load(SHIPPED).config();
        ReplygateConfig defaults = ConfigLoader.loadDefaults();

        assertThat(withoutTemplatesAndSecrets(shipped)).isEqualTo(withoutTemplatesAndSecrets(defaults));
        assertThat(defaults.signing().keys()).extracting(SigningConfig.SigningKey::id).containsExactly("k1");
        assertThat(defaults.templates().directory()).isEqualTo(Path.of("templates").toAbsolutePath());
    }

    @Test
    void aMinimalConfigGetsEveryDefault() {
        ReplygateConfig config = fixture.load(ConfigFixture.MINIMAL).config();

        assertThat(config.instance().name()).isEqualTo("replygate");
        assertThat(config.store()).isEqualTo(new StoreConfig("jdbc:h2:file:./data/replygate", "sa", Secret.empty(), 4));
        assertThat(config.smtp()).isEqualTo(new SmtpConfig("localhost", 25, SmtpSecurity.NONE, "", Secret.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(30), ""));
        MailAddress from = new MailAddress("help@example.org", "");
        assertThat(config.sender()).isEqualTo(new SenderConfig(from, from, false, from, List.of()));
        assertThat(config.delivery()).isEqualTo(new DeliveryConfig(Duration.ofSeconds(10), 50, Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofDays(3)));
        assertThat(config.notifications()).isEqualTo(new NotificationsConfig("en", List.of("en", "fa"), ZoneId.of("UTC"),
                Map.of("opened", "ticket-opened", "answered", "ticket-answered", "closed", "ticket-closed",
                        "reminder", "ticket-reminder")));
        assertThat(config.notifications().events().keySet()).containsExactly("opened", "answered", "closed", "reminder");
        assertThat(config.templates().directory()).isEqualTo(dir.toAbsolutePath().resolve("templates"));
    }

    @Test
    void reportsEveryKindOfProblemOfOneFileAtOnceWithItsLine() {
        fixture.writeFile("db-password.txt", "from-file\n");
        Path file = fixture.write("""
                instance:
                  domain: support.example.org
                portal:
                  ticket-url: https://portal.example.org/ticket?id={ticket}
                  new-ticket-url: https://portal.example.org/new
                  signup-url: https://portal.example.org/signup
                store:
                  password: hunter2
                  password-file: db-password.txt
                smtp:
                  host: localhost
                  prot: 25
                  port: 70000
                sender:
                  from: "Support <support@@example.org>"
                signing:
                  active-key: k1
                  keys:
                    - id: k1
                      secret: %s
                """.formatted(ConfigFixture.SIGNING_SECRET));

        ConfigException failure = fixture.loadFailing(file);

        assertThat(failure.problems())
                .extracting(ConfigProblem::line, ConfigProblem::keyPath)
                .containsExactly(
                        tuple(3, "portal.client-area-url"),
                        tuple(9, "store.password-file"),
                        tuple(12, "smtp.prot"),
                        tuple(13, "smtp.port"),
                        tuple(15, "sender.from"));
        assertThat(failure.getMessage().lines()).containsExactly(
                file + ":3:1: portal.client-area-url: missing required key `portal.client-area-url`",
                file + ":9:18: store.password-file: `store.password` is set too;"
                        + " give the secret or the file holding it, not both",
                file + ":12:3: smtp.prot: unknown key `smtp.prot`; did you mean `port`?",
                file + ":13:9: smtp.port: `70000` is not a port; use 1 to 65535",
                file + ":15:9: sender.from: `Support <support@@example.org>` is not a mail address:"
                        + " Domain contains illegal character");
        assertThat(failure.getMessage()).doesNotContain("hunter2").doesNotContain("from-file");
    }

    @Test
    void suggestsTheKnownKeyATypoWasMeantToBe() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + """
                smpt:
                  host: localhost
                delivery:
                  batchsize: 10
                  frobnicate: true
                """);

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                tuple("smpt", "unknown key `smpt`; did you mean `smtp`?"),
                tuple("delivery.batchsize", "unknown key `delivery.batchsize`; did you mean `batch-size`?"),
                tuple("delivery.frobnicate", "unknown key `delivery.frobnicate`"));
    }

    @Test
    void unknownKeysInsideListItemsAreReported() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + "      secret-flie: x\n");

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                tuple("signing.keys[0].secret-flie",
                        "unknown key `signing.keys[0].secret-flie`; did you mean `secret-file`?"));
    }

    @Test
    void aDuplicateKeyIsAnErrorAtItsSecondPlace() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + """
                smtp:
                  port: 25
                  port: 26
                """);

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(17);
            assertThat(problem.keyPath()).isEqualTo("smtp.port");
            assertThat(problem.message()).isEqualTo("duplicate key; it is already set at line 16");
        });
    }

    @Test
    void aSyntaxErrorIsOneProblemAtTheParsersPosition() {
        ConfigException failure = fixture.loadFailing("""
                notifications:
                  locales: [en, fa
                  time-zone: UTC
                """);

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.column()).isEqualTo(12);
            assertThat(problem.keyPath()).isEmpty();
            assertThat(problem.message()).startsWith("YAML syntax error: expected ',' or ']'")
                    .contains("line 2, column 12");
        });
    }

    @Test
    void tabIndentationIsASyntaxError() {
        ConfigException failure = fixture.loadFailing("smtp:\n\tport: 25\n");

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).startsWith("YAML syntax error").contains("TAB");
        });
    }

    @Test
    void aMissingFileIsOneProblemWithoutAPosition() {
        Path missing = dir.resolve("nope.yaml");

        ConfigException failure = fixture.loadFailing(missing);

        assertThat(failure.getMessage()).isEqualTo(missing + ": cannot read the config file: no such file");
    }

    @Test
    void aFileThatIsNotUtf8IsOneProblem() {
        Path file = fixture.writeBytes("latin1.yaml", new byte[]{'a', ':', ' ', (byte) 0xE9, '\n'});

        assertThat(fixture.loadFailing(file).getMessage()).endsWith("cannot read the config file: not UTF-8 text");
    }

    @Test
    void theRootMustBeAMapping() {
        ConfigException failure = fixture.loadFailing("- instance\n- portal\n");

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).contains("must be a mapping of sections").endsWith("not a list");
        });
    }

    @Test
    void anEmptyFileLacksEveryRequiredKey() {
        ConfigException failure = fixture.loadFailing("# nothing yet\n");

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath).containsExactlyInAnyOrder(
                "instance.domain", "portal.ticket-url", "portal.new-ticket-url", "portal.signup-url",
                "portal.client-area-url", "sender.from", "signing.active-key", "signing.keys");
    }

    @Test
    void aFileHoldingOnlyANullLacksEveryRequiredKeyToo() {
        assertThat(fixture.loadFailing("---\n~\n").problems()).hasSize(8)
                .allSatisfy(problem -> assertThat(problem.message()).startsWith("missing required key"));
    }

    @Test
    void aKeyWithNoValueCountsAsMissing() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL.replace(
                "domain: support.example.org", "domain:"));

        assertThat(failure.problems()).extracting(ConfigProblem::line, ConfigProblem::keyPath, ConfigProblem::message)
                .containsExactly(tuple(2, "instance.domain", "missing required key `instance.domain`"));
    }

    @Test
    void aSectionWithNoValueTakesItsDefaults() {
        assertThat(fixture.load(ConfigFixture.MINIMAL + "smtp:\n").config().smtp().port()).isEqualTo(25);
    }

    @Test
    void wrongKindsOfNodesAreNamed() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + """
                smtp: [localhost]
                notifications:
                  locales: en
                  time-zone:
                    name: UTC
                """);

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                tuple("smtp", "must be a mapping, not a list"),
                tuple("notifications.locales", "must be a list, not a single value"),
                tuple("notifications.time-zone", "must be a single value, not a mapping"));
    }

    @Test
    void aSectionOfTheWrongKindDoesNotAlsoReportItsRequiredKeys() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL.replaceFirst(
                "portal:\n(  .*\n)+", "portal: https://portal.example.org/\n"));

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath).containsExactly("portal");
    }

    @Test
    void aliasesAndExtraDocumentsAreRefused() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + """
                smtp:
                  host: &relay localhost
                  helo-name: *relay
                ---
                smtp: {}
                """);

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                tuple("smtp.helo-name", "YAML aliases (*relay) are not supported; write the value out"),
                tuple("", "the file holds more than one YAML document (---); keep one"));
    }

    @Test
    void theLoadedConfigKnowsWhereEachKeyWasWritten() {
        LoadedConfig loaded = fixture.load(ConfigFixture.MINIMAL);

        assertThat(loaded.positionOf("portal.signup-url")).isEqualTo(new SourcePosition(6, 15));
        assertThat(loaded.positionOf("signing.keys")).isEqualTo(new SourcePosition(12, 3));
        assertThat(loaded.positionOf("signing.keys[0]")).isEqualTo(new SourcePosition(13, 7));
        assertThat(loaded.positionOf("signing.keys[0].secret")).isEqualTo(new SourcePosition(14, 15));
        assertThat(loaded.positionOf("smtp.port")).as("a default: the file's start").isEqualTo(new SourcePosition(1, 1));
        assertThat(loaded.positionOf("instance.name")).as("a default: its section").isEqualTo(new SourcePosition(1, 1));
        assertThat(loaded.positionOf("sender.reply-to")).as("a default: its section").isEqualTo(new SourcePosition(8, 1));
        assertThat(loaded.problem("sender.from", "is not ours").toString())
                .isEqualTo(loaded.file() + ":9:9: sender.from: is not ours");
    }

    /** The shipped config has no signing secret of its own; the defaults make one for each process. */
    private static ReplygateConfig withoutTemplatesAndSecrets(ReplygateConfig config) {
        SigningConfig signing = new SigningConfig(config.signing().activeKey(), config.signing().keys().stream()
                .map(key -> new SigningConfig.SigningKey(key.id(), Secret.empty()))
                .toList());
        return new ReplygateConfig(config.instance(), config.portal(), config.store(), config.smtp(), config.sender(),
                signing, config.delivery(), config.notifications(), null, config.mailboxes(), config.inbound(),
                config.http(), config.retention(), config.digests());
    }
}
