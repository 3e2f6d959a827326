package dev.replygate.outbound;

import dev.replygate.signing.LoopHeader;
import dev.replygate.address.MailAddress;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MailComposerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final MailAddress FROM = new MailAddress("support@example.com", "Example Hosting");
    private static final MailAddress TO = new MailAddress("customer@example.org", "Customer");

    private final MailComposer composer = new MailComposer(new LoopHeader(LoopHeader.NAME, "replygate-test"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static OutgoingMail mail(String subject) {
        return new OutgoingMail("rg.1.abc@support.example.com", FROM, null, TO, subject, "Hello\nthere", null,
                "en", null, List.of(), AutoSubmitted.AUTO_GENERATED);
    }

    @Test
    void aSubjectWithLineBreaksStaysOneHeaderAndDecodesWithoutThem() throws Exception {
        String subject = "Ticket 1\r\nBcc: victim@example.net\r\n\r\n<script>alert(1)</script>\n";

        byte[] raw = composer.compose(mail(subject));

        assertThat(ParsedMail.fieldsNamed(raw, "Subject")).hasSize(1);
        assertThat(ParsedMail.fieldsNamed(raw, "Bcc")).isEmpty();
        MimeMessage parsed = ParsedMail.parse(raw);
        assertThat(parsed.getSubject())
                .isEqualTo("Ticket 1 Bcc: victim@example.net <script>alert(1)</script>")
                .doesNotContain("\r", "\n");
        assertThat(parsed.getRecipients(MimeMessage.RecipientType.BCC)).isNull();
        assertThat(parsed.getContent().toString()).startsWith("Hello");
    }

    @Test
    void displayNamesCannotInjectHeadersEither() throws Exception {
        MailAddress sneaky = new MailAddress("customer@example.org", "Eve\r\nBcc: victim@example.net");
        OutgoingMail mail = new OutgoingMail("a@b.example", FROM, null, sneaky, "s", "t", null, "en", null,
                List.of(), AutoSubmitted.AUTO_GENERATED);

        byte[] raw = composer.compose(mail);

        assertThat(ParsedMail.fieldsNamed(raw, "Bcc")).isEmpty();
        assertThat(((InternetAddress) ParsedMail.parse(raw).getRecipients(MimeMessage.RecipientType.TO)[0])
                .getPersonal()).isEqualTo("Eve Bcc: victim@example.net");
    }

    @Test
    void persianSubjectAndDisplayNameAreEncodedAndDecodeToTheOriginal() throws Exception {
        String subject = "پاسخ به تیکت ۱۲۳۴: درخواست پشتیبانی";
        String name = "پشتیبانی میزبان‌نمونه";
        OutgoingMail mail = new OutgoingMail("a@b.example", new MailAddress("support@example.com", name), null, TO,
                subject, "سلام", "<p dir=\"rtl\">سلام</p>", "fa", null, List.of(), AutoSubmitted.AUTO_GENERATED);

        byte[] raw = composer.compose(mail);

        assertThat(ParsedMail.isSevenBit(raw)).isTrue();
        assertThat(ParsedMail.fieldsNamed(raw, "Subject").get(0)).contains("=?UTF-8?");
        assertThat(ParsedMail.fieldsNamed(raw, "From").get(0)).contains("=?UTF-8?");
        MimeMessage parsed = ParsedMail.parse(raw);
        assertThat(parsed.getSubject()).isEqualTo(subject);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo(name);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo("support@example.com");
        assertThat(parsed.getContentLanguage()).containsExactly("fa");
    }

    @Test
    void anEncodedWordInTheSubjectOrADisplayNameIsShownAsWrittenNotDecoded() throws Exception {
        String subject = "=?UTF-8?B?UEFZUEFMOiBhY2NvdW50IHN1c3BlbmRlZA==?=";
        String name = "=?UTF-8?B?c2VjdXJpdHlAcGF5cGFsLmNvbQ==?=";
        String from = "Support =?utf-8?q?PayPal?=, \"Inc.\"";
        OutgoingMail mail = new OutgoingMail("a@b.example", new MailAddress("support@example.com", from),
                new MailAddress("support+t1@example.com", name), new MailAddress("customer@example.org", name),
                subject, "t", null, "en", null, List.of(), AutoSubmitted.AUTO_GENERATED);

        byte[] raw = composer.compose(mail);

        MimeMessage parsed = ParsedMail.parse(raw);
        assertThat(parsed.getSubject()).isEqualTo(subject);
        InternetAddress to = (InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo(name);
        assertThat(to.getAddress()).isEqualTo("customer@example.org");
        assertThat(((InternetAddress) parsed.getReplyTo()[0]).getPersonal()).isEqualTo(name);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo(from);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo("support@example.com");
        assertThat(ParsedMail.fieldsNamed(raw, "Subject").get(0)).doesNotContain(subject);
        assertThat(ParsedMail.fieldsNamed(raw, "To").get(0)).doesNotContain(name);
        assertThat(DecoderUtil.decodeEncodedWords(MimeUtility.unfold(parsed.getHeader("Subject", " ")),
                DecodeMonitor.STRICT)).as("as mime4j reads it").isEqualTo(subject);
    }

    @Test
    void aLongSubjectWithAnEncodedWordIsFoldedAndDecodesWhole() throws Exception {
        String subject = "Re: پاسخ به تیکت ۱۲۳۴ =?UTF-8?Q?PAYPAL=3A_account_suspended?= " + "✓ word ".repeat(20);

        byte[] raw = composer.compose(mail(subject));

        String text = new String(raw, StandardCharsets.US_ASCII);
        assertThat(text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n"))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(ParsedMail.isSevenBit(raw)).isTrue();
        assertThat(ParsedMail.parse(raw).getSubject()).isEqualTo(subject.strip());
    }

    @Test
    void onlyAsciiTextWithEqualsQuestionMarkIsEncodedWhole() throws Exception {
        String subject = "Ticket 1234: 2+2=?";
        byte[] raw = composer.compose(mail(subject));

        assertThat(ParsedMail.fieldsNamed(raw, "Subject").get(0)).startsWith("Subject: =?UTF-8?B?");
        assertThat(ParsedMail.parse(raw).getSubject()).isEqualTo(subject);
        assertThat(ParsedMail.fieldsNamed(composer.compose(mail("Ticket 1234: 2+2?")), "Subject").get(0))
                .isEqualTo("Subject: Ticket 1234: 2+2?");
    }

    @Test
    void htmlMakesMultipartAlternativeWithTextFirst() throws Exception {
        OutgoingMail mail = new OutgoingMail("a@b.example", FROM, null, TO, "s", "plain words ✓",
                "<p>html words ✓</p>", "en", null, List.of(), AutoSubmitted.AUTO_GENERATED);

        MimeMessage parsed = ParsedMail.parse(composer.compose(mail));

        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("plain words ✓");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("utf-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>html words ✓</p>");
    }

    @Test
    void withoutHtmlItIsTextPlainOnly() throws Exception {
        MimeMessage parsed = ParsedMail.parse(composer.compose(mail("s")));

        assertThat(parsed.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(parsed.getContent()).isInstanceOf(String.class);
    }

    @Test
    void notificationsCarryTheAutomaticMailHeaders() throws Exception {
        OutgoingMail mail = new OutgoingMail("rg.1.abc@support.example.com", FROM,
                new MailAddress("support+t1-k1-00@example.com", "Example Support"), TO, "s", "t", null, "en-GB",
                null, List.of(), AutoSubmitted.AUTO_GENERATED);

        byte[] raw = composer.compose(mail);
        MimeMessage parsed = ParsedMail.parse(raw);

        assertThat(parsed.getMessageID()).isEqualTo("<rg.1.abc@support.example.com>");
        assertThat(parsed.getSentDate()).isEqualTo(Date.from(NOW));
        assertThat(parsed.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(parsed.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
        assertThat(parsed.getHeader("X-Replygate-Loop")).containsExactly("replygate-test");
        assertThat(parsed.getHeader("Precedence")).isNull();
        assertThat(parsed.getHeader("MIME-Version")).containsExactly("1.0");
        assertThat(parsed.getContentLanguage()).containsExactly("en-GB");
        assertThat(((InternetAddress) parsed.getReplyTo()[0]).getAddress()).isEqualTo("support+t1-k1-00@example.com");
        assertThat(parsed.getHeader("In-Reply-To")).isNull();
        assertThat(parsed.getHeader("References")).isNull();
    }

    @Test
    void answersAreAutoRepliedBulkAndThreaded() throws Exception {
        List<String> references = List.of("first@mail.example.org", "<second@mail.example.org>",
                "not a message id", "third@mail.example.org\r\nBcc: x@example.net", "fourth@mail.example.org");
        OutgoingMail mail = new OutgoingMail("rg.2.def@support.example.com", FROM, null, TO, "Auto: help", "t",
                null, "en", "<fourth@mail.example.org>", references, AutoSubmitted.AUTO_REPLIED);

        byte[] raw = composer.compose(mail);
        MimeMessage parsed = ParsedMail.parse(raw);

        assertThat(parsed.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(parsed.getHeader("Precedence")).containsExactly("bulk");
        assertThat(parsed.getHeader("In-Reply-To")).containsExactly("<fourth@mail.example.org>");
        assertThat(MimeUtility.unfold(parsed.getHeader("References", " "))).isEqualTo(
                "<first@mail.example.org> <second@mail.example.org> <fourth@mail.example.org>");
        assertThat(ParsedMail.fieldsNamed(raw, "Bcc")).isEmpty();
    }

    @Test
    void longReferencesAreFolded() {
        List<String> references = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "rg.ticket-" + i + ".0123456789abcdef@support.example.com").toList();
        OutgoingMail mail = new OutgoingMail("a@b.example", FROM, null, TO, "s", "t", null, "en",
                references.get(19), references, AutoSubmitted.AUTO_GENERATED);

        String raw = new String(composer.compose(mail), StandardCharsets.US_ASCII);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));

        assertThat(headers.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(ParsedMail.fieldsNamed(composer.compose(mail), "References")).hasSize(1);
    }

    @Test
    void refusesWhatCannotBeAHeader() {
        assertThatIllegalArgumentException().isThrownBy(() -> composer.compose(new OutgoingMail(
                "no-at-sign", FROM, null, TO, "s", "t", null, "en", null, List.of(), AutoSubmitted.AUTO_GENERATED)));
        assertThatIllegalArgumentException().isThrownBy(() -> composer.compose(new OutgoingMail(
                "a@b\r\nBcc: x@y", FROM, null, TO, "s", "t", null, "en", null, List.of(),
                AutoSubmitted.AUTO_GENERATED)));
        assertThatIllegalArgumentException().isThrownBy(() -> composer.compose(new OutgoingMail(
                "a@b", FROM, null, new MailAddress("x@y.example\r\nBcc: z@y.example", ""), "s", "t", null, "en",
                null, List.of(), AutoSubmitted.AUTO_GENERATED)));
        assertThatIllegalArgumentException().isThrownBy(() -> composer.compose(new OutgoingMail(
                "a@b", FROM, null, new MailAddress("Name <x@y.example>", ""), "s", "t", null, "en",
                null, List.of(), AutoSubmitted.AUTO_GENERATED)));
        assertThatIllegalArgumentException().isThrownBy(() -> composer.compose(new OutgoingMail(
                "a@b", FROM, null, TO, "s", "t", null, "en\r\nX: y", null, List.of(), AutoSubmitted.AUTO_GENERATED)));
    }
}
