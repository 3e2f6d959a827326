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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    /** What a stranger's subject or a portal's values may hold, many of them at once, up to 10 000 characters. */
    @Property(tries = 300)
    void hostileValuesNeverMakeTheTextDifferFromTheHtmls(@ForAll("derived") String template,
                                                         @ForAll("locales") String locale,
                                                         @ForAll("hostile") String first,
                                                         @ForAll("hostile") String second) {
        for (String value : List.of(first, second)) {
            RenderedTemplate rendered = RENDERER.render(template, locale, withEveryText(template, value));

            assertThat(rendered.text()).isEqualTo(PlainText.ofHtml(rendered.html()));
            if (value.chars().noneMatch(DerivedTextPartsTest::privateUse)) {
                assertThat(rendered.text().chars().noneMatch(DerivedTextPartsTest::privateUse))
                        .as("no placeholder is left in the text").isTrue();
            }
        }
    }

    private static boolean privateUse(int c) {
        return c >= 0xE000 && c <= 0xF8FF;
    }

    /** A portal's API caller may send thousands of variables: more than there are placeholders. */
    @Test
    void moreValuesThanPlaceholdersAreConvertedNotRefused() {
        for (String template : ANSWERS) {
            Map<String, Object> variables = Fixtures.fullVariables(template);
            for (int i = 0; i < 5_000; i++) {
                variables.put("v" + i, "value" + i);
            }

            RenderedTemplate rendered = RENDERER.render(template, "en", variables);

            assertThat(rendered.text()).isEqualTo(PlainText.ofHtml(rendered.html())).contains("Example Hosting");
        }
    }

    /**
     * Many threads on one renderer, each with its own customer: each text is its own HTML's, with its own ticket
     * and none of another's, while the cache fills, is cleared and is shared.
     */
    @Test
    void manyThreadsOnOneRendererEachGetTheirOwnText() throws Exception {
        TemplateRenderer renderer = Fixtures.renderer();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int t = thread;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        String template = ANSWERS.get(i % 2);
                        String ticket = t + "0" + i;
                        Map<String, Object> variables = Fixtures.fullVariables(template);
                        variables.put("ticket", ticket);
                        variables.put("ticketUrl", (i % 3 == 0 ? "http://" : "https://") + "portal.example.com/t?id="
                                + ticket);
                        variables.put("portalName", "Hosting of thread " + t);
                        // a new set of names every few mails: new entries, until the cache is cleared
                        variables.put("extra" + (i % 70 == 0 ? t : i / 4), "x");
                        RenderedTemplate rendered = renderer.render(template, i % 4 < 2 ? "en" : "fa", variables);

                        assertThat(rendered.text()).isEqualTo(PlainText.ofHtml(rendered.html()))
                                .contains("Hosting of thread " + t);
                        for (int other = 0; other < 8; other++) {
                            if (other != t) {
                                assertThat(rendered.text()).doesNotContain("thread " + other);
                            }
                        }
                        if (template.equals("reply-redirect")) {
                            assertThat(rendered.text()).containsPattern(
                                    "portal\\.example\\.com/t\\?id=" + ticket + "[)\u2069]");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
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

                assertFilledNotParsed(template, locale, variables);
            }
        }
    }

    /**
     * Values of the other direction are isolated in every locale ({@code <bdi>}, whatever the value): a Persian
     * name in an English mail, or a Latin one in a Persian mail, still takes the filled path.
     */
    @Test
    void valuesOfTheOtherDirectionAreFilledNotParsed() {
        for (String template : DERIVED) {
            assertThat(assertFilledNotParsed(template, "en", Fixtures.persianValues(template)))
                    .containsValue("محمد رضایی").containsValue(Fixtures.PERSIAN_SUBJECT_WITH_JOINERS);
            assertThat(assertFilledNotParsed(template, "fa", Fixtures.latinValues(template)))
                    .containsValue("John Smith");
        }
    }

    /**
     * The mail's text is its HTML's, and DerivedTextParts can fill it from the conversion with placeholders.
     *
     * @return the values filled in, by placeholder
     */
    private static Map<String, String> assertFilledNotParsed(String template, String locale, Map<String, Object> variables) {
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
        return values;
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
                        "\u202E", "سلام", "\u200C", "\u200D", "https://", "HTTPS://", "mailto:", "/", "portal.example.com",
                        Fixtures.CLIENT_AREA_URL, "Example Hosting", "\uE000"));
        return piece.list().ofMinSize(1).ofMaxSize(5).map(pieces -> String.join("", pieces))
                .filter(value -> !value.isBlank());
    }

    /**
     * Character references whole and cut, markup, URLs with quotes and spaces, mixed directions, zero-width,
     * bidi and private-use characters, combining marks, and values of 10 000 characters.
     */
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4),
                Arbitraries.of("&", "&#", "&#60;", "&#x3C;", "&#x", "&lt;", "&amp;lt;", "&not", "&notin;", "&middot",
                        "&#0;", "&#128;", "&nbsp;", ";", "<", "</p>", "<a href=\"https://evil.example\">", "</a>",
                        "<!--", "-->", "<![CDATA[", "<script>", "<bdi>", "</bdi>", "\"", "'", "=", "`",
                        "https://evil.example/a\" b='c", "https://evil.example/ x", "mailto:a@evil.example",
                        "javascript:alert(1)", "HTTPS://PORTAL.EXAMPLE.COM", "portal.example.com/",
                        Fixtures.CLIENT_AREA_URL, Fixtures.TICKET_URL, "Example Hosting", " ", "  ", "\t", "\r\n",
                        "\u00A0", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u061C", "\u202A", "\u202B",
                        "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\uFEFF", "\u0301",
                        "\uE000", "\uE001", "\uEFFF", "\uF8FF", "\uD83D\uDC69\u200D\uD83D\uDCBB", "\uD83D",
                        "سلام دنیا", "abc سلام 123", "עברית", "\u0660\u0661", "x".repeat(10_000),
                        "آ ".repeat(3_000).strip()));
        return piece.list().ofMinSize(1).ofMaxSize(6).map(pieces -> String.join("", pieces))
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
