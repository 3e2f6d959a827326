package dev.replygate.config;

import dev.replygate.address.MailAddress;
import dev.replygate.config.SmtpConfig.SmtpSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The syntax and rules of single values, one key at a time on top of the minimal config. */
class ConfigValuesTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                arguments("instance.name", "two words", "instance.name", "is not valid: use up to 64 letters"),
                arguments("instance.domain", "-support.example.org", "instance.domain", "is not a host name"),
                arguments("instance.domain", "support_desk.example.org", "instance.domain", "is not a host name"),
                arguments("instance.domain", "support..example.org", "instance.domain", "is not a host name"),
                arguments("instance.domain", "support-.example.org", "instance.domain", "is not a host name"),
                arguments("instance.check-in-interval", "0s", "instance.check-in-interval", "must be longer than 0"),
                arguments("instance.check-in-interval", "1h", "instance.check-in-interval",
                        "`1h` is too long; at most 10m"),
                arguments("portal.name", " ", "portal.name", "must not be empty"),
                arguments("portal.ticket-url", "https://portal.example.org/ticket", "portal.ticket-url",
                        "must contain {ticket}"),
                arguments("portal.ticket-url", "ftp://portal.example.org/{ticket}", "portal.ticket-url",
                        "must be an absolute http:// or https:// URL"),
                arguments("portal.ticket-url", "/ticket/{ticket}", "portal.ticket-url", "must be an absolute"),
                arguments("portal.admin-ticket-url", "https://portal.example.org/admin?id={ticket}&c={ticketKey}",
                        "portal.admin-ticket-url", "must not contain {ticketKey}: it is the customer's access key"),
                arguments("portal.admin-ticket-url", "https://portal.example.org/admin?c={ticketKey}",
                        "portal.admin-ticket-url", "must not contain {ticketKey}"),
                arguments("portal.signup-url", "portal.example.org/signup", "portal.signup-url", "must be an absolute"),
                arguments("portal.new-ticket-url", "https://portal example.org/", "portal.new-ticket-url",
                        "is not a URL: illegal character in authority"),
                arguments("store.url", "jdbc:mysql://db/replygate?password=hunter2", "store.url",
                        "`jdbc:mysql://db/replygate?password=******` is not supported"),
                arguments("store.pool-size", 0, "store.pool-size", "`0` is too small; use 1 or more"),
                arguments("store.pool-size", -1, "store.pool-size", "`-1` is not a whole number"),
                arguments("store", Map.of("url", "jdbc:postgresql://db.example.org/replygate", "pool-size", 2),
                        "store.pool-size", "`2` is too small for a PostgreSQL store; use 3 or more"),
                arguments("store", Map.of("url", "jdbc:postgresql://db.example.org/replygate", "pool-size", 1),
                        "store.pool-size", "a node holds one connection for its name"),
                arguments("smtp.host", "mail server", "smtp.host", "is not a host name"),
                arguments("smtp.port", 0, "smtp.port", "`0` is not a port; use 1 to 65535"),
                arguments("smtp.port", 70000, "smtp.port", "`70000` is not a port; use 1 to 65535"),
                arguments("smtp.port", "25.5", "smtp.port", "`25.5` is not a whole number"),
                arguments("smtp.port", "99999999999", "smtp.port", "`99999999999` is too large"),
                arguments("smtp.security", "tls", "smtp.security", "`tls` is not one of none, starttls, smtps"),
                arguments("smtp.connect-timeout", "0s", "smtp.connect-timeout", "must be longer than 0"),
                arguments("smtp.timeout", "2h", "smtp.timeout", "`2h` is too long; at most 1h"),
                arguments("smtp.timeout", "-5s", "smtp.timeout", "`-5s` is negative"),
                arguments("smtp.timeout", "30", "smtp.timeout", "`30` is not a duration"),
                arguments("smtp.timeout", "30 s", "smtp.timeout", "`30 s` is not a duration"),
                arguments("smtp.helo-name", "not_a_host", "smtp.helo-name", "is not a host name"),
                arguments("sender.from", "support", "sender.from", "`support` is not a mail address: Missing final '@domain'"),
                arguments("sender.from", "a@example.org, b@example.org", "sender.from", "is not a mail address"),
                arguments("sender.from", "a@-example.org", "sender.from", "its domain is not a host name"),
                arguments("sender.from", "team: a@example.org;", "sender.from", "is a group"),
                arguments("sender.from", "a@example.org\r\nBcc: x@example.org", "sender.from", "must be on one line"),
                arguments("sender.reply-to", "support at example.org", "sender.reply-to", "is not a mail address"),
                arguments("sender.reply-to-token", "yes", "sender.reply-to-token", "`yes` is neither true nor false"),
                arguments("sender.envelope-from", "Bounces <bounces@example.org>", "sender.envelope-from",
                        "must be a bare address"),
                arguments("sender.own-addresses", List.of("ok@example.org", "nope"), "sender.own-addresses[1]",
                        "`nope` is not a mail address"),
                arguments("signing.active-key", "k2", "signing.active-key", "`k2` is not the id of any key"),
                arguments("signing.active-key", "key-one", "signing.active-key", "use 1 to 8 letters or digits"),
                arguments("signing.keys", List.of(), "signing.keys", "needs at least one entry"),
                arguments("signing.keys", List.of(Map.of("id", "k1", "secret", "short")), "signing.keys[0].secret",
                        "is 5 characters long; at least 32 are needed"),
                arguments("signing.keys", List.of(Map.of("id", "k1", "secret", "change-me-change-me-change-me-change-me")),
                        "signing.keys[0].secret", "is the public example secret"),
                arguments("signing.keys", List.of(Map.of("id", "k1", "secret", "x".repeat(40) + "CHANGE-ME")),
                        "signing.keys[0].secret", "is the public example secret"),
                arguments("signing.keys", List.of(Map.of("id", "k1")), "signing.keys[0].secret",
                        "missing required key `signing.keys[0].secret` (or `signing.keys[0].secret-file`)"),
                arguments("signing.keys", List.of("k1"), "signing.keys[0]", "must be a mapping, not a single value"),
                arguments("signing.keys", List.of(Map.of("id", "k1", "secret", ConfigFixture.SIGNING_SECRET),
                        Map.of("id", "k1", "secret", ConfigFixture.SIGNING_SECRET)), "signing.keys[1].id",
                        "`k1` is the id of an earlier key too"),
                arguments("delivery.interval", "0ms", "delivery.interval", "must be longer than 0"),
                arguments("delivery.max-age", "400d", "delivery.max-age", "`400d` is too long; at most 365d"),
                arguments("delivery.max-age", "99999999999999999999d", "delivery.max-age", "is too long a duration"),
                arguments("delivery.batch-size", 0, "delivery.batch-size", "`0` is too small"),
                arguments("delivery.initial-backoff", "2h", "delivery.initial-backoff",
                        "is longer than delivery.max-backoff (1h)"),
                arguments("notifications.default-locale", "de", "notifications.default-locale",
                        "`de` is not among notifications.locales [en, fa]"),
                arguments("notifications.default-locale", "english", "notifications.default-locale",
                        "`english` is not a language tag"),
                arguments("notifications.locales", List.of("en", "pt_BR"), "notifications.locales[1]",
                        "`pt_BR` is not a language tag such as en, fa or pt-BR"),
                arguments("notifications.locales", List.of("en", "EN"), "notifications.locales",
                        "lists `en` more than once"),
                arguments("notifications.locales", List.of(), "notifications.locales", "needs at least one locale"),
                arguments("notifications.time-zone", "Mars/Olympus_Mons", "notifications.time-zone",
                        "is not a time zone"),
                arguments("notifications.events", Map.of("Opened", "ticket-opened"), "notifications.events.Opened",
                        "`Opened` is not valid: use lower-case letters"),
                arguments("notifications.events", Map.of("opened", "Ticket Opened"), "notifications.events.opened",
                        "`Ticket Opened` is not valid"),
                arguments("store.url", "jdbc:h2:nio:/var/lib/replygate/data", "store.url",
                        "H2's `nio:` file system is not supported"),
                arguments("store.url", "jdbc:h2:split:28:./data/replygate", "store.url",
                        "H2's `split:` file system is not supported"),
                arguments("store.url", "jdbc:h2:replygate:/var/lib/replygate/data", "store.url",
                        "use jdbc:h2:file:<path>"),
                arguments("store.url", "jdbc:h2:file:split:/var/lib/replygate/data", "store.url",
                        "H2's `split:` file system is not supported"),
                arguments("store.url", "jdbc:h2:file:/var/lib/replygate/data;CIPHER=AES", "store.url",
                        "H2's file encryption (CIPHER) is not supported"),
                arguments("store.url", "jdbc:h2:/var/lib/replygate/data;MODE=Regular;cipher=aes", "store.url",
                        "keep the store on an encrypted file system"),
                arguments("templates.directory", "", "templates.directory", "must not be empty"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidValues")
    void rejectsAnInvalidValueNamingItsKey(String keyPath, Object value, String problemPath, String message) {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith(keyPath, value));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo(problemPath);
            assertThat(problem.message()).contains(message);
            assertThat(problem.line()).isPositive();
        });
    }

    @Test
    void parsesEachKindOfValue() {
        ReplygateConfig config = fixture.load(ConfigFixture.MINIMAL + """
                smtp:
                  host: "::1"
                  port: 587
                  security: STARTTLS
                  username: replygate
                  password: relay-password
                  connect-timeout: 500ms
                  timeout: 2m
                  helo-name: gw.example.org
                notifications:
                  default-locale: PT-br
                  locales: [EN, pt-BR, fa]
                  time-zone: Asia/Tehran
                  events:
                    escalated: ticket-escalated
                delivery:
                  max-age: 7d
                templates:
                  directory: ../shared/templates
                store:
                  url: jdbc:h2:file:./relative/db
                """).config();

        assertThat(config.smtp()).isEqualTo(new SmtpConfig("::1", 587, SmtpSecurity.STARTTLS, "replygate",
                Secret.of("relay-password"), Duration.ofMillis(500), Duration.ofMinutes(2), "gw.example.org"));
        assertThat(config.notifications()).isEqualTo(new NotificationsConfig("pt-BR", List.of("en", "pt-BR", "fa"),
                ZoneId.of("Asia/Tehran"), Map.of("escalated", "ticket-escalated")));
        assertThat(config.delivery().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(config.templates().directory()).isEqualTo(dir.toAbsolutePath().getParent().resolve("shared/templates"));
        assertThat(config.store().url()).as("kept as written: H2 resolves it against the working directory")
                .isEqualTo("jdbc:h2:file:./relative/db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:./data/replygate", "jdbc:h2:./data/replygate", "jdbc:h2:~/replygate",
            "jdbc:h2:/var/lib/replygate/data;COMPRESS=TRUE", "jdbc:h2:C:/replygate/data", "jdbc:h2:mem:replygate",
            "jdbc:h2:tcp://db.example.org/replygate"})
    void h2UrlsOfTheFileSystemsReplygateOpensAreTaken(String url) {
        assertThat(fixture.load(fixture.writeMinimalWith("store.url", url)).config().store().url()).isEqualTo(url);
    }

    /** With CIPHER, H2 takes the file's key as the first word of the password: no word of it is in the error. */
    @Test
    void anEncryptedH2StoreIsRefusedWithoutItsPasswords() {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("store", Map.of(
                "url", "jdbc:h2:file:./data/replygate;CIPHER=AES;PASSWORD=urlfilepwd urluserpwd",
                "password", "filepwd userpwd")));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("store.url");
            assertThat(problem.message()).contains("CIPHER").contains("README")
                    .doesNotContain("filepwd").doesNotContain("userpwd");
        });
        assertThat(failure.getMessage()).doesNotContain("filepwd").doesNotContain("userpwd");
    }

    /** H2 would refuse it when the store opens, naming no key and no line; the check names both, and no password. */
    @Test
    void anH2SettingH2DoesNotKnowIsNamedAtItsKeyAndPosition() {
        int line = (int) ConfigFixture.MINIMAL.lines().count() + 2;
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + """
                store:
                  url: jdbc:h2:file:./data/replygate;PASSWROD=urlpwd;AUTO_SEVER=TRUE
                """);

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("store.url");
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.column()).isEqualTo(8);
        });
        assertThat(failure.getMessage()).contains("replygate.yaml:" + line + ":8: store.url: H2 does not know the"
                        + " connection setting `")
                .as("a secret under a misspelt key is not one the masking knows: the URL is not shown")
                .doesNotContain("urlpwd");
    }

    @Test
    void aPostgresqlStoreNeedsThreeConnectionsAndH2One() {
        assertThat(fixture.load(fixture.writeMinimalWith("store",
                Map.of("url", "jdbc:postgresql://db.example.org/replygate", "pool-size", 3))).config().store().poolSize())
                .isEqualTo(3);
        assertThat(fixture.load(fixture.writeMinimalWith("store",
                Map.of("url", "jdbc:postgresql://db.example.org/replygate"))).config().store().poolSize())
                .as("the default").isEqualTo(4);
        assertThat(fixture.load(fixture.writeMinimalWith("store",
                Map.of("url", "jdbc:h2:file:./data/replygate", "pool-size", 1))).config().store().poolSize())
                .isEqualTo(1);
    }

    @Test
    void senderAddressesKeepTheirDisplayNamesAndDefaultToFrom() {
        SenderConfig sender = fixture.load(fixture.writeMinimalWith("sender",
                Map.of("from", "Example Support <support@example.org>", "reply-to", "", "envelope-from", ""))).config().sender();

        assertThat(sender.from()).isEqualTo(new MailAddress("support@example.org", "Example Support"));
        assertThat(sender.replyTo()).isEqualTo(sender.from());
        assertThat(sender.envelopeFrom()).isEqualTo(new MailAddress("support@example.org", ""));
    }

    @Test
    void senderAddressesCanEachBeSet() {
        SenderConfig sender = fixture.load(ConfigFixture.MINIMAL.replace("  from: help@example.org\n", """
                  from: help@example.org
                  reply-to: "Replies <replies@example.org>"
                  envelope-from: bounces@example.org
                  reply-to-token: TRUE
                  own-addresses: [noreply@example.org, "Billing <billing@example.org>"]
                """)).config().sender();

        assertThat(sender.replyTo()).isEqualTo(new MailAddress("replies@example.org", "Replies"));
        assertThat(sender.envelopeFrom()).isEqualTo(new MailAddress("bounces@example.org", ""));
        assertThat(sender.replyToToken()).isTrue();
        assertThat(sender.ownAddresses()).containsExactly(new MailAddress("noreply@example.org", ""),
                new MailAddress("billing@example.org", "Billing"));
    }

    @Test
    void aReplyToTokenNeedsAReplyToAddressWithoutPlus() {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("sender",
                Map.of("from", "help+desk@example.org", "reply-to-token", true)));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("sender.reply-to-token");
            assertThat(problem.message()).contains("help+desk@example.org must not have one");
        });
    }

    @Test
    void aLoginIsNotSentInClearOverTheNetwork() {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("smtp",
                Map.of("host", "relay.example.org", "username", "replygate", "password", "pw")));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("smtp.username");
            assertThat(problem.message()).contains("in clear to relay.example.org")
                    .contains("set smtp.security to starttls or smtps");
        });
    }

    @Test
    void aLoginInClearIsFineOnLoopbackOrOverTls() {
        for (Map<String, Object> smtp : List.<Map<String, Object>>of(
                Map.of("host", "127.0.0.1", "username", "replygate", "password", "pw"),
                Map.of("host", "localhost", "username", "replygate", "password", "pw"),
                Map.of("host", "relay.example.org", "security", "smtps", "username", "replygate", "password", "pw"))) {
            assertThat(fixture.load(fixture.writeMinimalWith("smtp", smtp)).config().smtp().username())
                    .as("%s", smtp).isEqualTo("replygate");
        }
    }

    @Test
    void aPasswordNeedsAUsername() {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("smtp.password", "pw"));

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message)
                .containsExactly(tuple("smtp.password", "is set but smtp.username is empty"));
    }

    @Test
    void oneInvalidKeyDoesNotCauseFollowUpProblems() {
        Path file = fixture.write(ConfigFixture.MINIMAL + """
                delivery:
                  initial-backoff: 2h
                  max-backoff: soon
                notifications:
                  default-locale: fa
                  locales: [en, xx_YY]
                """);

        assertThat(fixture.loadFailing(file).problems()).extracting(ConfigProblem::keyPath)
                .containsExactly("delivery.max-backoff", "notifications.locales[1]");
    }
}
