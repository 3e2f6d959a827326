package dev.replygate.config;

import dev.replygate.address.MailAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The {@code digests} list and {@code portal.admin-ticket-url}: every mistake named at its key and line. */
class DigestConfigTest {

    private static final String MAILBOX = """
            mailboxes:
              - name: support
                host: imap.example.org
                username: help@example.org
                password: secret
                addresses: [help@example.org]
            """;

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void noDigestsAndNoStaffLinksByDefault() {
        ReplygateConfig config = fixture.load(ConfigFixture.MINIMAL).config();

        assertThat(config.digests()).isEmpty();
        assertThat(config.portal().adminTicketUrlFor("123")).isEmpty();
    }

    @Test
    void aDigestWithEveryKey() {
        ReplygateConfig config = fixture.load(ConfigFixture.MINIMAL.replace("client-area-url:",
                "admin-ticket-url: https://portal.example.org/admin/ticket?id={ticket}\n  client-area-url:")
                + MAILBOX + """
                digests:
                  - name: daily
                    cron: "0 0 8 * * ?"
                    time-zone: Asia/Tehran
                    recipients: [lead@example.org, ops@example.org]
                    locale: fa
                    mailboxes: [support]
                    empty-period: nothing
                    list-limit: 5
                """).config();

        assertThat(config.digests()).singleElement().isEqualTo(new DigestConfig("daily", "0 0 8 * * ?",
                ZoneId.of("Asia/Tehran"), List.of(MailAddress.plain("lead@example.org"),
                MailAddress.plain("ops@example.org")), "fa", List.of("support"), DigestConfig.EmptyPeriod.NOTHING, 5));
        assertThat(config.portal().adminTicketUrlFor("12 3"))
                .isEqualTo(Optional.of("https://portal.example.org/admin/ticket?id=12+3"));
    }

    @Test
    void defaults() {
        DigestConfig digest = fixture.load(ConfigFixture.MINIMAL + """
                digests:
                  - name: daily
                    cron: "0 0 8 * * ?"
                    recipients: [lead@example.org]
                """).config().digests().get(0);

        assertThat(digest.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(digest.locale()).isEqualTo("en");
        assertThat(digest.mailboxes()).isEmpty();
        assertThat(digest.covers("any")).isTrue();
        assertThat(digest.emptyPeriod()).isEqualTo(DigestConfig.EmptyPeriod.QUIET_LINE);
        assertThat(digest.listLimit()).isEqualTo(20);
    }

    @Test
    void everyMistakeIsNamedAtItsKeyAndLine() {
        int base = (int) (ConfigFixture.MINIMAL.lines().count() + MAILBOX.lines().count());
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + MAILBOX + """
                digests:
                  - name: daily
                    cron: "every morning"
                    recipients: ["Lead <lead@example.org>"]
                    mailboxes: [support, sales]
                    empty-period: silence
                    time-zone: Mars/Olympus
                  - name: daily
                    recipients: []
                """);

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::line).contains(
                tuple("digests[0].cron", base + 3),
                tuple("digests[0].recipients[0]", base + 4),
                tuple("digests[0].mailboxes", base + 5),
                tuple("digests[0].empty-period", base + 6),
                tuple("digests[0].time-zone", base + 7),
                tuple("digests[1].name", base + 8),
                tuple("digests[1].cron", base + 8),
                tuple("digests[1].recipients", base + 9));
        assertThat(failure.getMessage()).contains("not a Quartz cron expression", "`sales` is not the name of a"
                + " configured mailbox (configured: support)", "is not one of quiet-line, nothing",
                "`daily` is the name of an earlier digest too");
    }

    /**
     * Quartz takes each of these, but none fires after now: the daemon's scheduler would refuse it after the check
     * passed, with a stack trace and exit 1, and so would {@code digest list}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0 0 8 31 4 ?", "0 0 8 30 2 ?", "0 0 8 * * ? 2020"})
    void aCronExpressionThatNeverFiresIsNamedAtItsKeyAndPosition(String cron) {
        int line = (int) ConfigFixture.MINIMAL.lines().count() + 3;
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + """
                digests:
                  - name: daily
                    cron: "%s"
                    time-zone: Asia/Tehran
                    recipients: [lead@example.com]
                """.formatted(cron));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("digests[0].cron");
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.column()).isEqualTo(11);
        });
        assertThat(failure.getMessage()).contains("replygate.yaml:" + line + ":11: digests[0].cron: `" + cron
                + "` never fires (in its time zone Asia/Tehran)");
    }

    /** Its first firing starts its first period, which the next ends: nothing is wrong with it. */
    @Test
    void aCronExpressionThatFiresFromAYearOnIsTaken() {
        assertThat(fixture.load(ConfigFixture.MINIMAL + """
                digests:
                  - name: daily
                    cron: "0 0 8 * * ? 2099"
                    recipients: [lead@example.com]
                """).config().digests()).singleElement()
                .satisfies(digest -> assertThat(digest.cron()).isEqualTo("0 0 8 * * ? 2099"));
    }

    @Test
    void adminTicketUrlNeedsTheTicketPlaceholder() {
        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL.replace("client-area-url:",
                "admin-ticket-url: https://portal.example.org/admin/ticket\n  client-area-url:"));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("portal.admin-ticket-url");
            assertThat(problem.line()).isEqualTo(7);
            assertThat(problem.message()).contains("{ticket}");
        });
    }
}
