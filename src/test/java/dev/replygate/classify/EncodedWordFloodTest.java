package dev.replygate.classify;

import dev.replygate.parse.MailParser;
import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 7: a 1 MB header block of 66 240 RFC 2047 encoded words, each naming a charset
 * nobody has (a different one each time), took a minute of CPU to parse and classify. It must take
 * well under a second, and the message must still read as a message.
 */
@Timeout(120)
class EncodedWordFloodTest {

    private static final int WORDS = 66_240;
    private static final int WORDS_PER_FIELD = 4_140;
    private static final int WORDS_PER_LINE = 60;
    private static final String[] FIELDS = {"Subject", "To", "Thread-Topic", "Content-Description", "Comments",
            "Keywords", "X-Mailer", "Organization", "X-Flood-1", "X-Flood-2", "X-Flood-3", "X-Flood-4", "X-Flood-5",
            "X-Flood-6", "X-Flood-7", "X-Flood-8"};

    @Test
    void aMegabyteOfEncodedWordsInUnknownCharsetsIsParsedAndClassifiedInUnderASecondOfCpu() throws Exception {
        byte[] message = floodMessage();
        assertThat(message.length).as("the header block").isLessThanOrEqualTo(1024 * 1024);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        ParsedMail mail = new MailParser().parse(new ByteArrayInputStream(message));
        Verdict verdict = new Classifier(TicketSignatures.NONE).classify(mail, ClassifyContext.builder()
                .ourDomain("replygate.test").ourAddress("support@replygate.test").loopToken("rg-test").build());
        Duration cpu = Duration.ofNanos(threads.getCurrentThreadCpuTime() - before);

        System.out.println("EncodedWordFloodTest: parse and classify took " + cpu.toMillis() + " ms of CPU");
        assertThat(cpu).as("CPU time of parse and classify").isLessThan(Duration.ofSeconds(1));
        assertThat(mail.from()).extracting(ParsedMail.Mailbox::address).containsExactly("sara@customer.example");
        assertThat(mail.messageId()).isEqualTo("flood-1@customer.example");
        assertThat(mail.text().strip()).isEqualTo("hello");
        assertThat(mail.subject()).as("kept as written").startsWith("=?UTF-8?Q?a?= ");
        assertThat(mail.problems()).contains(
                "Subject: more than 1000 encoded words, kept undecoded (ParseLimits.maxEncodedWordsPerField)");
        assertThat(verdict.mailClass()).isNotNull();
    }

    @Test
    void wordsBeyondTheMessageLimitAreKeptUndecodedAndTheFirstAreDecoded() throws Exception {
        StringBuilder mail = new StringBuilder("From: sara@customer.example\r\nSubject: =?x-nothing?Q?Hello?=\r\n");
        for (int field = 0; field < 6; field++) {
            mail.append("X-Words-").append(field).append(':').append(" =?UTF-8?Q?a?=".repeat(900)).append("\r\n");
        }
        mail.append("\r\nhello\r\n");

        ParsedMail parsed = new MailParser().parse(new ByteArrayInputStream(mail.toString().getBytes(StandardCharsets.US_ASCII)));

        assertThat(parsed.subject()).isEqualTo("Hello");
        assertThat(parsed.header("X-Words-0")).hasValue("a".repeat(900));
        assertThat(parsed.header("X-Words-5")).hasValueSatisfying(value -> assertThat(value).startsWith("=?UTF-8?Q?a?="));
        assertThat(parsed.problems()).contains("Subject: unknown charset \"x-nothing\" in an encoded word, read as UTF-8",
                "more than 5000 encoded words in the header, the rest kept undecoded (ParseLimits.maxEncodedWordsPerMessage)");
    }

    /** 66 240 words such as {@code =?x1f40?Q?a?=}, every label different, spread over 16 folded fields. */
    private static byte[] floodMessage() {
        StringBuilder mail = new StringBuilder("From: Sara <sara@customer.example>\r\n"
                + "Message-ID: <flood-1@customer.example>\r\n"
                + "Return-Path: <sara@customer.example>\r\n");
        int word = 0;
        for (String field : FIELDS) {
            mail.append(field).append(':');
            for (int i = 0; i < WORDS_PER_FIELD && word < WORDS; i++, word++) {
                if (i > 0 && i % WORDS_PER_LINE == 0) {
                    mail.append("\r\n");
                }
                mail.append(" =?x").append(Integer.toString(word, 36)).append("?Q?a?=");
            }
            mail.append("\r\n");
        }
        assertThat(word).isEqualTo(WORDS);
        mail.append("\r\nhello\r\n");
        return mail.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
