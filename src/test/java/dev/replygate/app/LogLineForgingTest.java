package dev.replygate.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.replygate.parse.MailParser;
import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 8: a stranger's Subject or Message-ID logged by replygate cannot forge a log
 * line, through the shipped logback.xml (and the tests' own config): every line-ending, control
 * and bidi character comes out as a visible escape, on the one line of its event.
 */
class LogLineForgingTest {

    /** Each character that could end, recolour or reorder a log line, with its escape. */
    private static final List<String> FORGING = List.of("\r", "\n", "\u001b", "\u0000", "\u007f", "\u0085",
            "\u009b", "\u2028", "\u2029", "\u202e", "\u2066", "\u200f");

    @ParameterizedTest
    @ValueSource(strings = {"logback.xml", "logback-test.xml"})
    void aForgedSubjectStaysOnItsLineWithEveryForgingCharacterEscaped(String config) throws Exception {
        StringBuilder subject = new StringBuilder("Hello");
        FORGING.forEach(c -> subject.append(c).append("2026-01-01T00:00:00.000Z INFO [main] Fake - forged"));

        String out = logged(config, logger -> logger.info("subject {} and id {}", subject, "<a\u2028b@example.com>"));

        assertThat(out.lines().toList()).as(out).hasSize(1);
        String line = out.lines().findFirst().orElseThrow();
        assertThat(line).contains("Hello\\u000d2026", "\\u000a", "\\u001b", "\\u0000", "\\u007f", "\\u0085", "\\u009b",
                "\\u2028", "\\u2029", "\\u202e", "\\u2066", "\\u200f", "<a\\u2028b@example.com>");
        FORGING.forEach(c -> assertThat(line).doesNotContain(c));
    }

    @ParameterizedTest
    @ValueSource(strings = {"logback.xml", "logback-test.xml"})
    void anExceptionMessageIsEscapedAndItsStackTraceKeepsItsLines(String config) throws Exception {
        Exception cause = new IllegalStateException("cause\u2029INFO forged cause");
        Exception failure = new IllegalArgumentException("bad header\nERROR forged\u0085line", cause);

        String out = logged(config, logger -> logger.warn("parse failed", failure));

        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).endsWith("parse failed");
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalArgumentException: bad header\\u000aERROR forged\\u0085line");
        assertThat(lines.get(2)).startsWith("\tat ");
        assertThat(lines).anyMatch(l -> l.equals("Caused by: java.lang.IllegalStateException: cause\\u2029INFO forged cause"));
        assertThat(lines).noneMatch(l -> l.startsWith("ERROR forged") || l.startsWith("INFO forged") || l.startsWith("line"));
        assertThat(out).doesNotContain("\u2029", "\u0085");
    }

    @Test
    void parsedHeaderValuesCarryNoLineBreakingCharacter() throws Exception {
        String raw = "From: =?UTF-8?Q?Sara=E2=80=A8INFO_forged?= <sara@example.net>\r\n"
                + "Subject: raw\u2028INFO forged\u0085and =?UTF-8?Q?encoded=E2=80=A9INFO_forged=C2=85?=\r\n"
                + "Message-ID: <a\u2029b@example.net>\r\n\r\nbody\r\n";

        ParsedMail mail = new MailParser().parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));

        assertThat(mail.subject().strip()).isEqualTo("raw INFO forged and encoded INFO forged");
        assertThat(mail.from().get(0).name()).isEqualTo("Sara INFO forged");
        assertThat(mail.headers()).allSatisfy(header -> assertThat(header.value())
                .doesNotContain("\u2028", "\u2029", "\u0085", "\r", "\n"));
    }

    /** What one call logs through {@code config} (a classpath resource), from a context of its own. */
    private static String logged(String config, Consumer<Logger> logging) throws Exception {
        URL resource = LogLineForgingTest.class.getClassLoader().getResource(config);
        assertThat(resource).as(config).isNotNull();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(resource);
            logging.accept(context.getLogger("dev.replygate.inbound.InboundPipeline"));
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
