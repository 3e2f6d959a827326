package dev.replygate.config;

import dev.replygate.address.MailAddress;
import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.config.MailboxConfig.NewMail;
import dev.replygate.config.MailboxConfig.Protocol;
import dev.replygate.config.MailboxConfig.Security;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The {@code mailboxes} list: defaults by protocol, keys that fit the protocol, problems at their key and line. */
class MailboxConfigTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    /** The required keys of one mailbox, plus {@code extra} (a null value removes a key). */
    private static Map<String, Object> mailbox(Object... extra) {
        Map<String, Object> mailbox = new LinkedHashMap<>();
        mailbox.put("name", "support");
        mailbox.put("host", "imap.example.org");
        mailbox.put("username", "support@example.org");
        mailbox.put("password", "mailbox-password");
        mailbox.put("addresses", List.of("support@example.org"));
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                mailbox.remove((String) extra[i]);
            } else {
                mailbox.put((String) extra[i], extra[i + 1]);
            }
        }
        return mailbox;
    }

    private MailboxConfig loadOne(Map<String, Object> mailbox) {
        List<MailboxConfig> mailboxes = fixture.load(fixture.writeMinimalWith("mailboxes", List.of(mailbox)))
                .config().mailboxes();
        assertThat(mailboxes).hasSize(1);
        return mailboxes.get(0);
    }

    @Test
    void noMailboxesByDefault() {
        assertThat(fixture.load(ConfigFixture.MINIMAL).config().mailboxes()).isEmpty();
        assertThat(fixture.load(ConfigFixture.MINIMAL + "mailboxes: []\n").config().mailboxes()).isEmpty();
    }

    @Test
    void anImapMailboxGetsEveryDefault() {
        MailboxConfig mailbox = loadOne(mailbox());

        assertThat(mailbox).isEqualTo(new MailboxConfig("support", Protocol.IMAP, "imap.example.org", 993,
                Security.TLS, "support@example.org", Secret.of("mailbox-password"), "INBOX", Duration.ofMinutes(1),
                true, 500, false, NewMail.REDIRECT, List.of(new MailAddress("support@example.org", "")),
                new DispositionConfig(Mode.MOVE, "replygate/Redirected", "replygate/Ignored", "replygate/Quarantine",
                        "replygate-")));
    }

    @Test
    void aPop3MailboxKeepsMessagesByDefaultAndHasNoFolderOrIdle() {
        MailboxConfig mailbox = loadOne(mailbox("protocol", "pop3"));

        assertThat(mailbox.port()).isEqualTo(995);
        assertThat(mailbox.folder()).isEqualTo("INBOX");
        assertThat(mailbox.idle()).isFalse();
        assertThat(mailbox.disposition().mode()).isEqualTo(Mode.KEEP);
    }

    @ParameterizedTest(name = "{0} with {1}: port {2}")
    @CsvSource({
            "imap, tls, 993", "imap, starttls, 143", "imap, none, 143",
            "pop3, tls, 995", "pop3, starttls, 110", "pop3, none, 110"})
    void thePortDefaultsByProtocolAndSecurity(String protocol, String security, int port) {
        MailboxConfig mailbox = loadOne(mailbox("protocol", protocol, "security", security, "host", "127.0.0.1"));

        assertThat(mailbox.port()).isEqualTo(port);
    }

    @Test
    void parsesEveryKey() {
        fixture.writeFile("mailbox-password", "from-a-file\n");
        MailboxConfig mailbox = loadOne(mailbox("protocol", "IMAP", "port", 1143, "security", "STARTTLS",
                "password", null, "password-file", "mailbox-password", "folder", "Support/Incoming",
                "poll-interval", "30s", "idle", false, "batch-size", 500, "batches-per-run", 3, "shadow", true,
                "new-mail", "ignore",
                "addresses", List.of("support@example.org", "Help <help@example.org>"),
                "disposition", Map.of("mode", "keyword", "redirected", "Done/Redirected", "ignored", "Done/Ignored",
                        "quarantined", "Done/Quarantine", "keyword-prefix", "rg.")));

        assertThat(mailbox).isEqualTo(new MailboxConfig("support", Protocol.IMAP, "imap.example.org", 1143,
                Security.STARTTLS, "support@example.org", Secret.of("from-a-file"), "Support/Incoming",
                Duration.ofSeconds(30), false, 500, true, NewMail.IGNORE,
                List.of(new MailAddress("support@example.org", ""), new MailAddress("help@example.org", "Help")),
                new DispositionConfig(Mode.KEYWORD, "Done/Redirected", "Done/Ignored", "Done/Quarantine", "rg."),
                Optional.empty(), 3));
    }

    @Test
    void aRunReadsTwoBatchesOfFiveHundredAtMostUnlessToldOtherwise() {
        assertThat(loadOne(mailbox())).extracting(MailboxConfig::batchSize, MailboxConfig::batchesPerRun)
                .containsExactly(500, 2);
    }

    @Test
    void aPop3MailboxMayDelete() {
        assertThat(loadOne(mailbox("protocol", "pop3", "disposition", Map.of("mode", "delete")))
                .disposition().mode()).isEqualTo(Mode.DELETE);
    }

    @Test
    void severalMailboxesKeepTheirOrder() {
        List<MailboxConfig> mailboxes = fixture.load(fixture.writeMinimalWith("mailboxes", List.of(
                mailbox("name", "support"), mailbox("name", "billing", "protocol", "pop3")))).config().mailboxes();

        assertThat(mailboxes).extracting(MailboxConfig::name, MailboxConfig::protocol)
                .containsExactly(tuple("support", Protocol.IMAP), tuple("billing", Protocol.POP3));
    }

    static Stream<Arguments> invalidMailboxes() {
        return Stream.of(
                arguments(mailbox("name", "Support"), "mailboxes[0].name", "`Support` is not valid: use 1 to 32"
                        + " lower-case letters, digits and hyphens"),
                arguments(mailbox("name", "-support"), "mailboxes[0].name", "is not valid"),
                arguments(mailbox("name", "a".repeat(33)), "mailboxes[0].name", "is not valid"),
                arguments(mailbox("name", null), "mailboxes[0].name", "missing required key `mailboxes[0].name`"),
                arguments(mailbox("host", null), "mailboxes[0].host", "missing required key `mailboxes[0].host`"),
                arguments(mailbox("host", "imap server"), "mailboxes[0].host", "is not a host name"),
                arguments(mailbox("username", null), "mailboxes[0].username", "missing required key"),
                arguments(mailbox("password", null), "mailboxes[0].password",
                        "missing required key `mailboxes[0].password` (or `mailboxes[0].password-file`)"),
                arguments(mailbox("addresses", null), "mailboxes[0].addresses", "missing required key"),
                arguments(mailbox("addresses", List.of()), "mailboxes[0].addresses", "needs at least one entry"),
                arguments(mailbox("addresses", List.of("a@example.org", "nope")), "mailboxes[0].addresses[1]",
                        "`nope` is not a mail address"),
                arguments(mailbox("addresses", List.of("a@example.org", "A@Example.org")), "mailboxes[0].addresses",
                        "lists `A@Example.org` more than once"),
                arguments(mailbox("addresses", "a@example.org"), "mailboxes[0].addresses",
                        "must be a list, not a single value"),
                arguments(mailbox("protocol", "smtp"), "mailboxes[0].protocol", "`smtp` is not one of imap, pop3"),
                arguments(mailbox("security", "ssl"), "mailboxes[0].security",
                        "`ssl` is not one of none, starttls, tls"),
                arguments(mailbox("port", 0), "mailboxes[0].port", "`0` is not a port"),
                arguments(mailbox("poll-interval", "0s"), "mailboxes[0].poll-interval", "must be longer than 0"),
                arguments(mailbox("poll-interval", "2d"), "mailboxes[0].poll-interval", "is too long; at most 1d"),
                arguments(mailbox("batch-size", 0), "mailboxes[0].batch-size", "`0` is out of range; use 1 to 10000"),
                arguments(mailbox("batch-size", 10_001), "mailboxes[0].batch-size", "is out of range"),
                arguments(mailbox("batches-per-run", 0), "mailboxes[0].batches-per-run",
                        "`0` is out of range; use 1 to 100000"),
                arguments(mailbox("batches-per-run", 100_001), "mailboxes[0].batches-per-run", "is out of range"),
                arguments(mailbox("batches-per-run", "all"), "mailboxes[0].batches-per-run", "all"),
                arguments(mailbox("idle", "yes"), "mailboxes[0].idle", "`yes` is neither true nor false"),
                arguments(mailbox("shadow", "maybe"), "mailboxes[0].shadow", "neither true nor false"),
                arguments(mailbox("new-mail", "bounce"), "mailboxes[0].new-mail",
                        "`bounce` is not one of redirect, ignore"),
                arguments(mailbox("folder", "/INBOX"), "mailboxes[0].folder", "is not a folder path"),
                arguments(mailbox("folder", "Support//New"), "mailboxes[0].folder", "is not a folder path"),
                arguments(mailbox("folder", "Support/*"), "mailboxes[0].folder", "* and % are IMAP wildcards"),
                arguments(mailbox("folder", ""), "mailboxes[0].folder", "must not be empty"),
                arguments(mailbox("protocol", "pop3", "folder", "INBOX"), "mailboxes[0].folder",
                        "is for imap mailboxes only; this one is pop3"),
                arguments(mailbox("protocol", "pop3", "idle", true), "mailboxes[0].idle",
                        "is for imap mailboxes only; this one is pop3"),
                arguments(mailbox("protocol", "pop3", "disposition", Map.of("mode", "move")),
                        "mailboxes[0].disposition.mode",
                        "`move` is for imap mailboxes; a pop3 mailbox can keep or delete"),
                arguments(mailbox("protocol", "pop3", "disposition", Map.of("mode", "keyword")),
                        "mailboxes[0].disposition.mode", "`keyword` is for imap mailboxes"),
                arguments(mailbox("disposition", Map.of("mode", "delete")), "mailboxes[0].disposition.mode",
                        "`delete` is for pop3 mailboxes; an imap mailbox can move or keyword"),
                arguments(mailbox("disposition", Map.of("mode", "trash")), "mailboxes[0].disposition.mode",
                        "`trash` is not one of move, keyword, keep, delete"),
                arguments(mailbox("protocol", "pop3", "disposition", Map.of("redirected", "Done")),
                        "mailboxes[0].disposition.redirected", "is for imap mailboxes only"),
                arguments(mailbox("protocol", "pop3", "disposition", Map.of("keyword-prefix", "rg-")),
                        "mailboxes[0].disposition.keyword-prefix", "is for imap mailboxes only"),
                arguments(mailbox("disposition", Map.of("keyword-prefix", "rg flag")),
                        "mailboxes[0].disposition.keyword-prefix", "`rg flag` is not valid"),
                arguments(mailbox("disposition", Map.of("keyword-prefix", "\\Seen")),
                        "mailboxes[0].disposition.keyword-prefix", "is not valid"),
                arguments(mailbox("disposition", Map.of("ignored", "inbox")), "mailboxes[0].disposition.ignored",
                        "`inbox` is the folder this mailbox reads; a message moved there would be read again"),
                arguments(mailbox("folder", "Support", "disposition", Map.of("quarantined", "Support")),
                        "mailboxes[0].disposition.quarantined", "is the folder this mailbox reads"),
                arguments(mailbox("disposition", "move"), "mailboxes[0].disposition",
                        "must be a mapping, not a single value"),
                arguments(mailbox("security", "none"), "mailboxes[0].username",
                        "the login would cross the network in clear to imap.example.org;"
                                + " set mailboxes[0].security to starttls or tls"),
                arguments(mailbox("passwrod", "x"), "mailboxes[0].passwrod",
                        "unknown key `mailboxes[0].passwrod`; did you mean `password`?"),
                arguments(mailbox("disposition", Map.of("redirect", "Done")), "mailboxes[0].disposition.redirect",
                        "unknown key `mailboxes[0].disposition.redirect`; did you mean `redirected`?"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidMailboxes")
    void rejectsAnInvalidMailboxNamingItsKey(Map<String, Object> mailbox, String problemPath, String message) {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("mailboxes", List.of(mailbox)));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo(problemPath);
            assertThat(problem.message()).contains(message);
            assertThat(problem.line()).isPositive();
        });
        assertThat(failure.getMessage()).doesNotContain("mailbox-password");
    }

    @Test
    void aLoginInClearIsFineOnLoopback() {
        for (String host : List.of("127.0.0.1", "localhost", "::1")) {
            assertThat(loadOne(mailbox("host", host, "security", "none")).security()).as(host).isEqualTo(Security.NONE);
        }
    }

    @Test
    void mailboxNamesAreUnique() {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("mailboxes",
                List.of(mailbox(), mailbox("protocol", "pop3"))));

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                tuple("mailboxes[1].name", "`support` is the name of an earlier mailbox too"));
    }

    @Test
    void mailboxesMustBeAListOfMappings() {
        assertThat(fixture.loadFailing(fixture.writeMinimalWith("mailboxes", Map.of("name", "support")))
                .problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message)
                .containsExactly(tuple("mailboxes", "must be a list, not a mapping"));
        assertThat(fixture.loadFailing(fixture.writeMinimalWith("mailboxes", List.of("support")))
                .problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message)
                .containsExactly(tuple("mailboxes[0]", "must be a mapping, not a single value"));
    }

    @Test
    void reportsEveryProblemOfEveryMailboxAtItsLine() {
        Path file = fixture.write(ConfigFixture.MINIMAL + """
                mailboxes:
                  - name: support
                    protocol: pop3
                    host: pop.example.org
                    username: support@example.org
                    password: hunter2
                    folder: INBOX
                    addresses: [support@example.org]
                    disposition:
                      mode: move
                  - name: billing
                    host: imap.example.org
                    security: none
                    username: billing@example.org
                    password-file: billing-password
                    addresses: []
                """);

        ConfigException failure = fixture.loadFailing(file);

        assertThat(failure.getMessage().lines()).containsExactly(
                file + ":21:13: mailboxes[0].folder: is for imap mailboxes only; this one is pop3",
                file + ":24:13: mailboxes[0].disposition.mode: `move` is for imap mailboxes;"
                        + " a pop3 mailbox can keep or delete",
                file + ":28:15: mailboxes[1].username: the login would cross the network in clear to"
                        + " imap.example.org; set mailboxes[1].security to starttls or tls",
                file + ":29:20: mailboxes[1].password-file: cannot read secret file `"
                        + dir.resolve("billing-password").toAbsolutePath() + "`: no such file",
                file + ":30:5: mailboxes[1].addresses: needs at least one entry");
        assertThat(failure.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void theEffectiveConfigShowsEachMailboxWithItsPasswordMasked() {
        ReplygateConfig config = fixture.load(fixture.writeMinimalWith("mailboxes", List.of(mailbox(),
                mailbox("name", "billing", "protocol", "pop3", "disposition", Map.of("mode", "delete"))))).config();

        List<String> lines = EffectiveConfig.describe(config);

        assertThat(lines).filteredOn(line -> line.startsWith("mailboxes")).containsExactly(
                "mailboxes[0].name = support",
                "mailboxes[0].protocol = imap",
                "mailboxes[0].host = imap.example.org",
                "mailboxes[0].port = 993",
                "mailboxes[0].security = tls",
                "mailboxes[0].username = support@example.org",
                "mailboxes[0].password = ******",
                "mailboxes[0].folder = INBOX",
                "mailboxes[0].poll-interval = 1m",
                "mailboxes[0].idle = true",
                "mailboxes[0].batch-size = 500",
                "mailboxes[0].batches-per-run = 2",
                "mailboxes[0].shadow = false",
                "mailboxes[0].new-mail = redirect",
                "mailboxes[0].addresses = [support@example.org]",
                "mailboxes[0].disposition.mode = move",
                "mailboxes[0].disposition.redirected = replygate/Redirected",
                "mailboxes[0].disposition.ignored = replygate/Ignored",
                "mailboxes[0].disposition.quarantined = replygate/Quarantine",
                "mailboxes[0].disposition.keyword-prefix = replygate-",
                "mailboxes[1].name = billing",
                "mailboxes[1].protocol = pop3",
                "mailboxes[1].host = imap.example.org",
                "mailboxes[1].port = 995",
                "mailboxes[1].security = tls",
                "mailboxes[1].username = support@example.org",
                "mailboxes[1].password = ******",
                "mailboxes[1].poll-interval = 1m",
                "mailboxes[1].batch-size = 500",
                "mailboxes[1].batches-per-run = 2",
                "mailboxes[1].shadow = false",
                "mailboxes[1].new-mail = redirect",
                "mailboxes[1].addresses = [support@example.org]",
                "mailboxes[1].disposition.mode = delete");
        assertThat(lines).noneMatch(line -> line.contains("mailbox-password"));
    }

    @Test
    void anOAuth2MailboxNeedsNoPasswordAndKeepsItsLogin() {
        MailboxConfig mailbox = loadOne(mailbox("password", null, "oauth2", Map.of(
                "token-url", "https://login.microsoftonline.com/tenant/oauth2/v2.0/token",
                "client-id", "app-id", "client-secret", "app-secret",
                "scopes", List.of("https://outlook.office365.com/.default"))));

        OAuth2Config oauth2 = mailbox.oauth2().orElseThrow();
        assertThat(oauth2.grant()).isEqualTo(OAuth2Config.Grant.CLIENT_CREDENTIALS);
        assertThat(oauth2.clientSecret().reveal()).isEqualTo("app-secret");
        assertThat(mailbox.password().isEmpty()).isTrue();
    }

    @Test
    void oauth2AndAPasswordExcludeEachOther() {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("mailboxes", List.of(mailbox("oauth2",
                Map.of("token-url", "https://oauth2.googleapis.com/token", "client-id", "id",
                        "refresh-token", "refresh")))));

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                tuple("mailboxes[0].password", "is set and so is mailboxes[0].oauth2; give one of them"));
        assertThat(failure.getMessage()).doesNotContain("mailbox-password").doesNotContain("refresh");
    }

    @Test
    void anOAuth2TokenEndpointMustBeHttpsOffLoopbackAndNeedsAGrant() {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("mailboxes", List.of(
                mailbox("password", null, "oauth2", Map.of("token-url", "http://login.example.com/token",
                        "client-id", "id", "refresh-token", "refresh")),
                mailbox("name", "other", "password", null, "oauth2", Map.of(
                        "token-url", "https://oauth2.googleapis.com/token", "client-id", "id")))));

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                tuple("mailboxes[0].oauth2.token-url", "the client secret and tokens would cross the network in"
                        + " clear; use https"),
                tuple("mailboxes[1].oauth2.refresh-token", "give a refresh token (or"
                        + " `mailboxes[1].oauth2.refresh-token-file`), or a client secret for the client credentials"
                        + " grant"));
    }
}
