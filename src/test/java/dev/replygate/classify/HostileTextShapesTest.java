package dev.replygate.classify;

import dev.replygate.parse.MailParser;
import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Texts shaped to make a pattern backtrack or recurse, in the 64K of a message's text that the rules read, sent as a
 * customer's mail, an auto-reply, a bounce in plain text and a delivery report whose three parts all hold the shape.
 * A session-26 review found three of them taking 13 to 65 s of CPU each (blank lines against the start of a quoted
 * original, a line of at signs after {@code Message-ID:}, thousands of {@code X-Failed-Recipients}) and a domain of
 * 30 000 labels overflowing the stack; each must be read in well under a second, whatever it is found to be. The bound
 * is some fifty times what a linear reading takes here, and a hundredth of what the quadratic ones took.
 */
@Timeout(120)
class HostileTextShapesTest {

    private static final int N = 60_000;
    private static final Duration BUDGET = Duration.ofSeconds(1);

    private static final Map<String, String> SHAPES = Map.ofEntries(
            Map.entry("blank lines", "hi\r\n" + "\r\n".repeat(N / 2)),
            Map.entry("a line of spaces", " ".repeat(N) + "x\r\n"),
            Map.entry("blanks and tabs", " \t".repeat(N / 2) + "x\r\n"),
            Map.entry("quote marks and blanks", "> ".repeat(N / 2) + "x\r\n"),
            Map.entry("dashes then blank lines", "-----\r\n" + "\r\n".repeat(N / 2) + "x"),
            Map.entry("a Message-ID of at signs", "Message-ID: " + "@".repeat(N) + "<\r\n"),
            Map.entry("at signs", "a@".repeat(N / 2) + "\r\n"),
            Map.entry("a domain of 30 000 labels", "a@" + "a.".repeat(N / 2) + "\r\n"),
            Map.entry("a hyphenated domain", "a@a" + "-".repeat(N) + "\r\n"),
            Map.entry("delivery words split by blank lines", "delivery" + " \r\n".repeat(N / 3) + "x\r\n"),
            Map.entry("status codes", "5.1.1 ".repeat(N / 6) + "\r\n"),
            Map.entry("digits and dots", "5.".repeat(N / 2) + "\r\n"),
            Map.entry("recipient fields", "Reporting-MTA: dns; mx.example\r\n\r\n"
                    + "Final-Recipient: rfc822; a@b.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n".repeat(N / 70)),
            Map.entry("one field folded 20 000 times", "Final-Recipient: rfc822; a@b.example\r\nDiagnostic-Code: smtp; 550\r\n"
                    + " x\r\n".repeat(N / 3)),
            Map.entry("generated from", "generated from " + "<".repeat(N) + "a@b.example\r\n"),
            Map.entry("blank lines and tabs", "\r\n \t\r\n".repeat(N / 5) + "x"));

    private static final Map<String, String> SENDERS = Map.of(
            "a customer", "From: someone@customer.example\r\nSubject: hello\r\n",
            "an auto-reply", "From: someone@customer.example\r\nSubject: hello\r\nAuto-Submitted: auto-replied\r\n",
            "a bounce", "From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail Returned to Sender\r\n");

    static Stream<Arguments> mails() {
        List<Arguments> mails = new ArrayList<>();
        SHAPES.forEach((shape, text) -> {
            SENDERS.forEach((sender, head) -> mails.add(Arguments.of(shape + " from " + sender, plain(head, text))));
            mails.add(Arguments.of(shape + " in a delivery report", report(SENDERS.get("a bounce"), text)));
        });
        StringBuilder failed = new StringBuilder("X-Failed-Recipients: ");
        for (int i = 0; i < 3000; i++) {
            failed.append('a').append(i).append("@b.example,\r\n ");
        }
        failed.append("z@b.example\r\n");
        mails.add(Arguments.of("3 000 X-Failed-Recipients over 2 500 lines",
                plain(SENDERS.get("a customer") + failed, "some words about nothing\r\n".repeat(2500))));
        return mails.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mails")
    void isReadInUnderASecondOfCpu(String shape, String raw) throws Exception {
        ParsedMail mail = new MailParser().parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        Verdict verdict = new Classifier(TicketSignatures.NONE).classify(mail, ClassifyContext.builder()
                .ourDomain("replygate.test").ourAddress("support@replygate.test").loopToken("rg-test").build());
        Duration cpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - before);

        assertThat(verdict.mailClass()).isNotNull();
        assertThat(cpu).as("CPU time to classify " + shape).isLessThan(BUDGET);
    }

    private static String plain(String head, String text) {
        return head + "To: support@replygate.test\r\nMessage-ID: <x@customer.example>\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text;
    }

    private static String report(String head, String text) {
        return head + "To: support@replygate.test\r\nMessage-ID: <x@customer.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BB\"\r\n\r\n"
                + "--BB\r\nContent-Type: text/plain\r\n\r\n" + text
                + "\r\n--BB\r\nContent-Type: message/delivery-status\r\n\r\n" + text
                + "\r\n--BB\r\nContent-Type: text/rfc822-headers\r\n\r\n" + text + "\r\n--BB--\r\n";
    }
}
