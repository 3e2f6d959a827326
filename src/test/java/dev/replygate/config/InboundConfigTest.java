package dev.replygate.config;

import dev.replygate.config.InboundConfig.SpamHeader;
import dev.replygate.config.InboundConfig.SubjectPattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The {@code inbound} section: rate limits, trusted authserv-ids, subject patterns, spam headers, text limit. */
class InboundConfigTest {

    private static final String WHMCS = "\\[Ticket ID: (?<ticket>\\d+)\\]";

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void aMinimalConfigGetsEveryDefault() {
        InboundConfig inbound = fixture.load(ConfigFixture.MINIMAL).config().inbound();

        assertThat(inbound).isEqualTo(new InboundConfig(List.of(), Duration.ofHours(24), 5, 0, 200, 50, List.of(),
                List.of(new SpamHeader("X-Spam-Flag", Pattern.compile("^\\s*yes\\b", Pattern.CASE_INSENSITIVE)),
                        new SpamHeader("X-Spam-Status", Pattern.compile("^\\s*yes\\b", Pattern.CASE_INSENSITIVE))),
                65_536, 3));
    }

    @Test
    void theDefaultSpamHeadersMatchAYesVerdictInAnyCaseOnly() {
        List<SpamHeader> spamHeaders = ConfigLoader.loadDefaults().inbound().spamHeaders();
        Pattern status = spamHeaders.get(1).pattern();

        assertThat(status.matcher("Yes, score=7.2 required=5.0").find()).isTrue();
        assertThat(status.matcher("  YES").find()).isTrue();
        assertThat(status.matcher("No, score=0.1 required=5.0").find()).isFalse();
        assertThat(status.matcher("yesterday").find()).isFalse();
    }

    @Test
    void parsesEveryKey() {
        InboundConfig inbound = fixture.load(fixture.writeMinimalWith("inbound", Map.of(
                "trusted-authserv-ids", List.of("mx1.example.org", "mx2.example.org"),
                "reply-window", "2h",
                "max-answers-per-sender-per-day", 3,
                "own-received-lines", 1,
                "max-answers-per-mailbox-per-hour", 40,
                "max-answers-per-domain-per-hour", 10,
                "subject-patterns", List.of(Map.of("name", "whmcs", "pattern", WHMCS)),
                "spam-headers", List.of(Map.of("header", "X-Rspamd-Action", "pattern", "^reject")),
                "max-text-bytes", 1024,
                "max-attempts", 5))).config().inbound();

        assertThat(inbound.trustedAuthservIds()).containsExactly("mx1.example.org", "mx2.example.org");
        assertThat(inbound.replyWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(inbound.maxAnswersPerSenderPerDay()).isEqualTo(3);
        assertThat(inbound.ownReceivedLines()).isEqualTo(1);
        assertThat(inbound.maxAnswersPerMailboxPerHour()).isEqualTo(40);
        assertThat(inbound.maxAnswersPerDomainPerHour()).isEqualTo(10);
        assertThat(inbound.subjectPatterns()).containsExactly(new SubjectPattern("whmcs", Pattern.compile(WHMCS)));
        assertThat(inbound.spamHeaders()).as("writing the list replaces the default")
                .containsExactly(new SpamHeader("X-Rspamd-Action", Pattern.compile("^reject", Pattern.CASE_INSENSITIVE)));
        assertThat(inbound.spamHeaders().get(0).pattern().matcher("REJECT").find()).isTrue();
        assertThat(inbound.maxAttempts()).isEqualTo(5);
        assertThat(inbound.maxTextBytes()).isEqualTo(1024);
    }

    @Test
    void theWhmcsSubjectPatternFindsTheTicket() {
        Pattern pattern = fixture.load(fixture.writeMinimalWith("inbound.subject-patterns",
                List.of(Map.of("name", "whmcs", "pattern", WHMCS)))).config().inbound().subjectPatterns().get(0).pattern();

        Matcher matcher = pattern.matcher("Re: [Ticket ID: 482913] Website is down");

        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group("ticket")).isEqualTo("482913");
    }

    @Test
    void aTicketGroupOnlyInsideACommentDoesNotCount() {
        String commented = "(?x) \\[Ticket \\d+\\]  # (?<ticket>\\d+) would be the group";
        String withComment = "(?x) \\[Ticket (?<ticket>\\d+)\\]  # the ticket id";

        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("inbound.subject-patterns",
                List.of(Map.of("name", "commented", "pattern", commented))));
        List<SubjectPattern> accepted = fixture.load(fixture.writeMinimalWith("inbound.subject-patterns",
                List.of(Map.of("name", "with-comment", "pattern", withComment)))).config().inbound().subjectPatterns();

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath)
                .containsExactly("inbound.subject-patterns[0].pattern");
        assertThat(accepted).extracting(SubjectPattern::name).containsExactly("with-comment");
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                arguments("inbound.trusted-authserv-ids", List.of("mx1.example.org", "mx 2"),
                        "inbound.trusted-authserv-ids[1]", "`mx 2` is not a host name"),
                arguments("inbound.trusted-authserv-ids", List.of("mx1.example.org", "MX1.example.org"),
                        "inbound.trusted-authserv-ids", "lists `MX1.example.org` more than once"),
                arguments("inbound.trusted-authserv-ids", "mx1.example.org", "inbound.trusted-authserv-ids",
                        "must be a list, not a single value"),
                arguments("inbound.reply-window", "0s", "inbound.reply-window", "must be longer than 0"),
                arguments("inbound.reply-window", "31d", "inbound.reply-window", "`31d` is too long; at most 30d"),
                arguments("inbound.max-answers-per-sender-per-day", 0, "inbound.max-answers-per-sender-per-day",
                        "`0` is too small; use 1 or more"),
                arguments("inbound.max-answers-per-mailbox-per-hour", 0, "inbound.max-answers-per-mailbox-per-hour",
                        "`0` is too small; use 1 or more"),
                arguments("inbound.max-answers-per-domain-per-hour", 0, "inbound.max-answers-per-domain-per-hour",
                        "`0` is too small; use 1 or more"),
                arguments("inbound.subject-patterns", List.of(Map.of("name", "whmcs", "pattern", "\\[Ticket ID: \\d+\\]")),
                        "inbound.subject-patterns[0].pattern", "has no named group (?<ticket>…)"),
                arguments("inbound.subject-patterns", List.of(Map.of("name", "whmcs", "pattern", "(?<id>\\d+)")),
                        "inbound.subject-patterns[0].pattern", "has no named group (?<ticket>…)"),
                arguments("inbound.subject-patterns", List.of(Map.of("name", "whmcs", "pattern", "[Ticket ID: (?<ticket>\\d+)")),
                        "inbound.subject-patterns[0].pattern",
                        "is not a valid regular expression: Unclosed character class at index 25"),
                arguments("inbound.subject-patterns", List.of(Map.of("name", "whmcs")),
                        "inbound.subject-patterns[0].pattern", "missing required key `inbound.subject-patterns[0].pattern`"),
                arguments("inbound.subject-patterns", List.of(Map.of("name", "WHMCS", "pattern", WHMCS)),
                        "inbound.subject-patterns[0].name", "`WHMCS` is not valid: use lower-case letters"),
                arguments("inbound.subject-patterns", List.of(Map.of("name", "whmcs", "pattern", WHMCS),
                        Map.of("name", "whmcs", "pattern", "#(?<ticket>\\d+)")), "inbound.subject-patterns[1].name",
                        "`whmcs` is the name of an earlier pattern too"),
                arguments("inbound.subject-patterns", List.of(Map.of("name", "whmcs", "pattern", WHMCS, "flags", "i")),
                        "inbound.subject-patterns[0].flags", "unknown key `inbound.subject-patterns[0].flags`"),
                arguments("inbound.spam-headers", List.of(Map.of("header", "X-Spam-Flag:", "pattern", "yes")),
                        "inbound.spam-headers[0].header", "is not valid: use a header field name"),
                arguments("inbound.spam-headers", List.of(Map.of("header", "X Spam", "pattern", "yes")),
                        "inbound.spam-headers[0].header", "is not valid"),
                arguments("inbound.spam-headers", List.of(Map.of("header", "X-Spam-Flag", "pattern", "")),
                        "inbound.spam-headers[0].pattern", "must not be empty"),
                arguments("inbound.spam-headers", List.of(Map.of("header", "X-Spam-Flag", "pattern", "(yes")),
                        "inbound.spam-headers[0].pattern", "is not a valid regular expression: Unclosed group"),
                arguments("inbound.max-text-bytes", 100, "inbound.max-text-bytes", "`100` is out of range; use 1024 to"
                        + " 16777216"),
                arguments("inbound.max-text-bytes", "64KiB", "inbound.max-text-bytes", "`64KiB` is not a whole number"),
                arguments("inbound.max-attempts", 0, "inbound.max-attempts", "`0` is out of range; use 1 to 100"),
                arguments("inbound.own-received-lines", 11, "inbound.own-received-lines",
                        "`11` is out of range; use 0 to 10"));
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
    void problemsAreReportedAtTheirLines() {
        Path file = fixture.write(ConfigFixture.MINIMAL + """
                inbound:
                  reply-window: 1 day
                  subject-patterns:
                    - name: whmcs
                      pattern: '\\[Ticket ID: \\d+\\]'
                """);

        ConfigException failure = fixture.loadFailing(file);

        assertThat(failure.problems()).extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::keyPath)
                .containsExactly(
                        tuple(16, 17, "inbound.reply-window"),
                        tuple(19, 16, "inbound.subject-patterns[0].pattern"));
    }

    @Test
    void theEffectiveConfigShowsPatternsAsWritten() {
        ReplygateConfig config = fixture.load(fixture.writeMinimalWith("inbound.subject-patterns",
                List.of(Map.of("name", "whmcs", "pattern", WHMCS)))).config();

        assertThat(EffectiveConfig.describe(config)).filteredOn(line -> line.startsWith("inbound.")).containsExactly(
                "inbound.trusted-authserv-ids = []",
                "inbound.own-received-lines = 0",
                "inbound.reply-window = 1d",
                "inbound.max-answers-per-sender-per-day = 5",
                "inbound.max-answers-per-mailbox-per-hour = 200",
                "inbound.max-answers-per-domain-per-hour = 50",
                "inbound.subject-patterns[0].name = whmcs",
                "inbound.subject-patterns[0].pattern = " + WHMCS,
                "inbound.spam-headers[0].header = X-Spam-Flag",
                "inbound.spam-headers[0].pattern = ^\\s*yes\\b",
                "inbound.spam-headers[1].header = X-Spam-Status",
                "inbound.spam-headers[1].pattern = ^\\s*yes\\b",
                "inbound.max-text-bytes = 65536",
                "inbound.max-attempts = 3");
    }
}
