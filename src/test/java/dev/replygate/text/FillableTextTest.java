package dev.replygate.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filling the text converted once with placeholders gives the text of the HTML rendered with the values, or
 * nothing; never another text. Each case renders a small "template" (a function of its values, escaping them as
 * Pebble does) once with placeholders and once with the values, and compares with converting the values' HTML.
 */
class FillableTextTest {

    private static final Function<Map<String, String>, String> ANSWER = v -> "<html dir=\"ltr\"><body>"
            + "<p>Ticket #" + v.get("ticket") + " was not changed.</p>"
            + "<table><tr><td><a href=\"" + v.get("url") + "\">Answer ticket #" + v.get("ticket") + "</a></td></tr>"
            + "</table><p>" + v.get("portal") + " &middot; <a href=\"" + v.get("home") + "\">" + v.get("home")
            + "</a></p></body></html>";

    @Test
    void answerTextIsTheTextOfItsHtml() {
        Map<String, String> values = values("ticket", "123456", "url", "https://portal.example/t?id=123456&c=k",
                "portal", "Example Hosting & Co", "home", "https://portal.example/");

        String filled = filled(ANSWER, values).orElseThrow();

        assertThat(filled).isEqualTo(HtmlToText.ofOurHtml(ANSWER.apply(escaped(values))))
                .contains("Answer ticket #123456 (https://portal.example/t?id=123456&c=k)")
                .contains("Example Hosting & Co · https://portal.example/");
    }

    @Test
    void rightToLeftLinksAreIsolatedAsConverted() {
        Function<Map<String, String>, String> template = v -> "<html dir=\"rtl\"><body><p>تیکت <bdi>#"
                + v.get("ticket") + "</bdi></p><a href=\"" + v.get("url") + "\">پاسخ</a></body></html>";
        Map<String, String> values = values("ticket", "42", "url", "https://portal.example/t/42");

        assertThat(filled(template, values)).contains(HtmlToText.ofOurHtml(template.apply(escaped(values))));
    }

    @Test
    void aValueThatMakesTheLabelNameItsTargetIsNotFilled() {
        Function<Map<String, String>, String> template = v -> "<p><a href=\"https://" + v.get("host") + "/\">"
                + v.get("label") + "</a></p>";
        // with placeholders the label differs from the target; with these values it names it ("once")
        Map<String, String> values = values("host", "portal.example", "label", "portal.example");

        assertThat(filled(template, values)).isEmpty();
        assertThat(filled(template, values("host", "portal.example", "label", "Portal"))).contains(
                HtmlToText.ofOurHtml(template.apply(values("host", "portal.example", "label", "Portal"))));
    }

    /**
     * At @: "&" + "amp;lt;" would be a character reference, "&#" + "60;" a number, "<" + "script" a tag; a style,
     * a tag name, raw text, the root's direction and a comment are read by the parser or the conversion, or by no one.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "<p>&@</p>                         | amp;lt;",
        "<p>&#@</p>                        | 60;",
        "<p><@</p>                         | script",
        "<p style=\"@\">shown</p>          | display:none",
        "<p@>shown</p>                     | hidden",
        "<xmp>@</xmp>                      | a&b",
        "<html dir=\"@\"><p>a</p></html>   | rtl",
        "<p>a</p><!-- @ -->                | b"})
    void placeholdersWhereAValueCouldChangeHowTheHtmlReadsAreRefused(String markup, String value) {
        Function<Map<String, String>, String> template = v -> markup.replace("@", v.get("x"));

        assertThat(filled(template, values("x", value))).isEmpty();
    }

    @Test
    void valuesTheConversionWouldRewriteAreNotFilled() {
        for (String value : new String[] {"two  spaces", " leading", "trailing ", "tab\there", "line\nbreak",
                "nb\u00A0sp", "thin\u2009space", "rlo\u202Eevil", "isolate\u2068x", "nul\u0000", "\uE000",
                "\uDB80\uDC00", "", "lone\uD83D", "bom\uFEFF"}) {
            assertThat(FillableText.canFill(value)).as(value).isFalse();
        }
        for (String value : new String[] {"Re: سلام دنیا & co", "<b>&amp;\"quoted\" it's</b>", "emoji \uD83D\uDE00",
                "پیام\u200Cها نمی\u200Cرسد", "\u0644\u200D"}) {
            assertThat(FillableText.canFill(value)).as(value).isTrue();
        }
    }

    @Test
    void markupInAValueIsFilledAsTheTextShowsIt() {
        Map<String, String> values = values("ticket", "<b>1</b>", "url", "https://portal.example/t?q=\"a'b\"&c=<d>",
                "portal", "Joe's \"Hosting\" & <Co>", "home", "https://portal.example/'");

        assertThat(filled(ANSWER, values)).hasValueSatisfying(text -> assertThat(text)
                .contains("Joe's \"Hosting\" & <Co>").contains("Answer ticket #<b>1</b>"));
    }

    @Test
    void aValueWithSpacesIsNotFilledIntoAnAttribute() {
        Function<Map<String, String>, String> unquoted = v -> "<p><a href=" + v.get("url") + ">link</a></p>";
        Map<String, String> values = values("url", "https://a.example/x onclick=y");

        assertThat(filled(unquoted, values)).isEmpty();
    }

    @Test
    void aTemplateThatChangesAValueIsNotFilled() {
        Function<Map<String, String>, String> upper = v -> "<p>" + v.get("x").toUpperCase() + "</p>";

        assertThat(filled(upper, values("x", "abc"))).isEmpty();
    }

    /** Renders with placeholders, then fills with the values; asserts that whatever it fills is the true text. */
    private static Optional<String> filled(Function<Map<String, String>, String> template, Map<String, String> values) {
        Map<String, String> placeholders = new LinkedHashMap<>();
        Map<String, String> byPlaceholder = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String placeholder = FillableText.placeholder(index++, entry.getValue());
            placeholders.put(entry.getKey(), placeholder);
            byPlaceholder.put(placeholder, entry.getValue());
        }
        String html = template.apply(escaped(values));
        Optional<String> filled = FillableText.ofOurHtml(template.apply(placeholders), byPlaceholder.keySet())
                .flatMap(text -> text.fill(html, byPlaceholder));
        filled.ifPresent(text -> assertThat(text).isEqualTo(HtmlToText.ofOurHtml(html)));
        return filled;
    }

    private static Map<String, String> escaped(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, value.replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;")));
        return out;
    }

    private static Map<String, String> values(String... namesAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }
}
