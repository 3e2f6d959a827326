package dev.replygate.notify;

import dev.replygate.address.MailAddress;
import dev.replygate.outbound.AutoSubmitted;
import dev.replygate.outbound.MailComposer;
import dev.replygate.outbound.OutgoingMail;
import dev.replygate.signing.LoopHeader;
import dev.replygate.text.FillableText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text part of a template without a text template is the text of its HTML, whatever the values and whatever
 * the renderer converted before (issue 12: the text is filled from a conversion made once per template and
 * locale, not parsed again for each mail).
 */
class DerivedTextPartsTest {

    private static final TemplateRenderer RENDERER = Fixtures.renderer();
    private static final List<String> DERIVED = List.of("ticket-opened", "ticket-answered", "ticket-closed",
            "ticket-reminder", "reply-redirect", "new-mail-redirect");
    private static final List<String> ANSWERS = List.of("reply-redirect", "new-mail-redirect");

    @Property(tries = 400)
    void textIsAlwaysTheTextOfTheHtml(@ForAll("derived") String template, @ForAll("locales") String locale,
                                      @ForAll("values") String first, @ForAll("values") String second) {
        for (String value : List.of(first, second)) {
            RenderedTemplate rendered = RENDERER.render(template, locale, withEveryText(template, value));

            assertThat(rendered.text()).isEqualTo(PlainText.ofHtml(rendered.html()));
        }
    }

    @Test
    void theAnswersAreFilledNotParsedForEachMail() {
        for (String template : ANSWERS) {
            for (String locale : List.of("en", "fa")) {
                Map<String, Object> variables = Fixtures.fullVariables(template);
                variables.put("ticketUrl", "https://portal.example.com/viewticket.php?tid=98765&c=Ab9_x");
                variables.put("ticket", "98765");
                variables.put("portalName", "Joe's \"Hosting\" & Co");
                Map<String, Object> withPlaceholders = new HashMap<>(variables);
                Map<String, String> values = new HashMap<>();
                int index = 0;
                for (Map.Entry<String, Object> entry : variables.entrySet()) {
                    if (entry.getValue() instanceof String value && FillableText.canFill(value)) {
                        String placeholder = FillableText.placeholder(index++, value);
                        withPlaceholders.put(entry.getKey(), placeholder);
                        values.put(placeholder, value);
                    }
                }
                RenderedTemplate rendered = RENDERER.render(template, locale, variables);

                Optional<String> filled = FillableText.ofOurHtml(
                                RENDERER.render(template, locale, withPlaceholders).html(), values.keySet())
                        .flatMap(text -> text.fill(rendered.html(), values));

                assertThat(values).as(template + " " + locale).hasSizeGreaterThanOrEqualTo(5);
                assertThat(filled).as(template + " " + locale).isPresent();
                assertThat(PlainText.tidy(filled.orElseThrow())).isEqualTo(PlainText.ofHtml(rendered.html()))
                        .isEqualTo(rendered.text());
            }
        }
    }

    @Test
    void answersInEnglishAndPersianComposeToTheBytesOfBefore() {
        MailComposer composer = new MailComposer(new LoopHeader(LoopHeader.NAME, "replygate-test"),
                Clock.fixed(Fixtures.NOWRUZ_1405, ZoneOffset.UTC));
        for (String locale : List.of("en", "fa")) {
            for (String ticket : List.of("123456", "7")) {
                for (String originalSubject : new String[] {null, "Re: [Ticket #" + ticket + "] Website is down",
                        "پاسخ: [Ticket #" + ticket + "]  سایت از دسترس خارج است", "Re: <b>&amp;\"'"}) {
                    for (String template : ANSWERS) {
                        Map<String, Object> variables = Fixtures.fullVariables(template);
                        variables.put("recipientName", "");
                        variables.put("ticket", ticket);
                        variables.put("ticketUrl", "https://portal.example.com/viewticket.php?tid=" + ticket + "&c=k");
                        variables.remove("originalSubject");
                        if (originalSubject != null) {
                            variables.put("originalSubject", originalSubject);
                        }
                        RenderedTemplate rendered = RENDERER.render(template, locale, variables);
                        byte[] now = composer.compose(answer(rendered, rendered.text()));
                        byte[] before = composer.compose(answer(rendered, PlainText.ofHtml(rendered.html())));

                        assertThat(withoutBoundary(now)).isEqualTo(withoutBoundary(before));
                    }
                }
            }
        }
    }

    private static OutgoingMail answer(RenderedTemplate rendered, String text) {
        return new OutgoingMail("rg.1.abc@hosting.test", new MailAddress("support@hosting.test", "Example Hosting"),
                null, new MailAddress("customer@example.org", ""), "Auto: " + rendered.subject(), text,
                rendered.html(), rendered.locale(), "reply.1@example.org", List.of("reply.1@example.org"),
                AutoSubmitted.AUTO_REPLIED);
    }

    private static String withoutBoundary(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1).replaceAll("----=_Part_\\d+_-?\\d+\\.\\d+", "BOUNDARY");
    }

    @Provide
    Arbitrary<String> derived() {
        return Arbitraries.of(DERIVED);
    }

    @Provide
    Arbitrary<String> locales() {
        return Arbitraries.of("en", "fa", "fa-IR", "de");
    }

    /** Plain words, URLs that may equal the other values, and hostile text; never blank. */
    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(6),
                Arbitraries.of(" ", "  ", "&", "&amp;", "<", "<b>", ">", "\"", "'", "#", ";", "\n", "\u00A0", "\u2068",
                        "\u202E", "سلام", "https://", "HTTPS://", "mailto:", "/", "portal.example.com",
                        Fixtures.CLIENT_AREA_URL, "Example Hosting", "\uE000"));
        return piece.list().ofMinSize(1).ofMaxSize(5).map(pieces -> String.join("", pieces))
                .filter(value -> !value.isBlank());
    }

    /** The template's full variables with every string set to {@code value}, or (by turns) left as they were. */
    private static Map<String, Object> withEveryText(String template, String value) {
        Map<String, Object> variables = Fixtures.fullVariables(template);
        int[] turn = {value.length()};
        variables.replaceAll((name, old) -> old instanceof String && turn[0]++ % 3 != 0 ? value : old);
        return variables;
    }
}
