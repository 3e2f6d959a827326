package dev.replygate.outbound;

import dev.replygate.address.MailAddress;
import dev.replygate.notify.RenderedTemplate;
import dev.replygate.notify.TemplateRenderer;
import dev.replygate.signing.LoopHeader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MailComposer} writes the bytes it wrote when it gave Angus its text parts as Strings ({@link
 * SetTextComposer}): the same headers, transfer encodings and encoded bodies; only the multipart boundary, which
 * Angus makes unique per message, differs.
 */
class MailComposerSameBytesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-21T08:30:00Z"), ZoneOffset.UTC);
    private static final LoopHeader LOOP = new LoopHeader(LoopHeader.NAME, "replygate-test");
    private static final Pattern BOUNDARY = Pattern.compile("----=_Part_\\d+_-?\\d+\\.\\d+");
    private static final Pattern ENCODING = Pattern.compile("(?m)^Content-Transfer-Encoding: (\\S+)");
    private static final MailAddress FROM = new MailAddress("support@hosting.test", "Example Hosting");

    private final MailComposer composer = new MailComposer(LOOP, CLOCK);
    private final SetTextComposer before = new SetTextComposer(LOOP, CLOCK);
    private final TemplateRenderer renderer = new TemplateRenderer(Path.of("does-not-exist"), "en");
    private final Set<String> encodingsSeen = new TreeSet<>();

    @Test
    void answersInEnglishAndPersianAreTheBytesOfBefore() throws Exception {
        for (String locale : List.of("en", "fa")) {
            for (String originalSubject : new String[] {null, "Re: [Ticket #123456] Website is down",
                    "پاسخ: [Ticket #123456] سایت از دسترس خارج است"}) {
                assertSameBytes(answer("reply-redirect", locale, originalSubject));
            }
            assertSameBytes(answer("new-mail-redirect", locale, null));
        }
        assertThat(encodingsSeen).as("the answers cover each encoding Angus picks for our text")
                .contains("7bit", "quoted-printable", "base64");
    }

    @Test
    void aTextOnlyMailIsTheBytesOfBefore() throws Exception {
        assertSameBytes(mail("Hello,\nyour ticket.\n", null, "en"));
        assertSameBytes(mail("سلام،\nتیکت شما.\n", null, "fa"));
        assertSameBytes(mail("x".repeat(1200) + "\n", null, "en"));
    }

    @Provide
    Arbitrary<String> body() {
        // line ends of every kind, long lines, ASCII and Persian in any mix; no lone surrogates (not text)
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0600', '\u06FF').ofMaxLength(40),
                Arbitraries.of("\n", "\r\n", "\r", "\t", "=", " \n", "x".repeat(1000), "\u00A0", "\u0000", "é"));
        return piece.list().ofMaxSize(30).map(pieces -> String.join("", pieces));
    }

    @Property(tries = 200)
    void anyTextAndHtmlAreTheBytesOfBefore(@ForAll("body") String text, @ForAll("body") String html)
            throws Exception {
        assertSameBytes(mail(text, "<p>" + html + "</p>", "fa"));
    }

    private OutgoingMail answer(String template, String locale, String originalSubject) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("portalName", "Example Hosting");
        variables.put("clientAreaUrl", "https://portal.example.com/clientarea.php");
        variables.put("recipientName", "");
        if (originalSubject != null) {
            variables.put("originalSubject", originalSubject);
        }
        if (template.equals("reply-redirect")) {
            variables.put("ticket", "123456");
            variables.put("ticketUrl", "https://portal.example.com/viewticket.php?tid=123456&key=k");
        } else {
            variables.put("newTicketUrl", "https://portal.example.com/submitticket.php");
            variables.put("signupUrl", "https://portal.example.com/register.php");
        }
        RenderedTemplate rendered = renderer.render(template, locale, variables);
        assertThat(rendered.locale()).isEqualTo(locale);
        return new OutgoingMail("rg.1.abc@hosting.test", FROM, null, new MailAddress("customer@example.org", ""),
                "Auto: " + rendered.subject(), rendered.text(), rendered.html(), rendered.locale(),
                "reply.1@example.org", List.of("ticket-123456.ab@hosting.test", "reply.1@example.org"),
                AutoSubmitted.AUTO_REPLIED);
    }

    private static OutgoingMail mail(String text, String html, String language) {
        return new OutgoingMail("rg.2.abc@hosting.test", FROM, null, new MailAddress("customer@example.org", "C"),
                "Auto: s", text, html, language, null, List.of(), AutoSubmitted.AUTO_REPLIED);
    }

    private void assertSameBytes(OutgoingMail mail) throws Exception {
        String now = withoutBoundary(composer.compose(mail));
        String then = withoutBoundary(before.compose(mail));
        assertThat(now).isEqualTo(then);
        Matcher encodings = ENCODING.matcher(now);
        while (encodings.find()) {
            encodingsSeen.add(encodings.group(1));
        }
    }

    private static String withoutBoundary(byte[] raw) {
        return BOUNDARY.matcher(new String(raw, StandardCharsets.ISO_8859_1)).replaceAll("BOUNDARY");
    }
}
