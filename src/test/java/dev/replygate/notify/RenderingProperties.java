package dev.replygate.notify;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a caller puts into the variables, the mail's structure and header stay intact. */
class RenderingProperties {

    private static final TemplateRenderer RENDERER = Fixtures.renderer();
    private static final List<String> LOCALES = List.of("en", "fa");

    @Property(tries = 300)
    void valuesNeverAddMarkupToTheHtml(@ForAll("templates") String template, @ForAll("locales") String locale,
                                       @ForAll("hostileText") String value) {
        String baseline = RENDERER.render(template, locale, withEveryText(template, "x")).html();
        String html = RENDERER.render(template, locale, withEveryText(template, value)).html();

        // every "<" in the output belongs to the template: the value's own are all escaped
        assertThat(count(html, '<')).isEqualTo(count(baseline, '<'));
        assertThat(count(html, '>')).isEqualTo(count(baseline, '>'));
    }

    @Property(tries = 300)
    void subjectIsAlwaysOneLine(@ForAll("templates") String template, @ForAll("locales") String locale,
                                @ForAll("hostileText") String value) {
        String subject = RENDERER.render(template, locale, withEveryText(template, value)).subject();

        assertThat(subject).doesNotContain("\r").doesNotContain("\n").isEqualTo(subject.strip());
        assertThat(subject.chars().noneMatch(Character::isISOControl)).isTrue();
    }

    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.of(Fixtures.ALL_TEMPLATES);
    }

    @Provide
    Arbitrary<String> locales() {
        return Arbitraries.of(LOCALES);
    }

    /** Any text, biased towards markup, entities, line breaks and bidi controls; never blank. */
    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("<", ">", "&", "\"", "'", "<script>", "</bdi>", "&lt;", "\r\n", "\n", "\t",
                        "\u2028", "\u202E", "\u2069", "{{ x }}", "{% if %}", "\u0000", "#"));
        return Combinators.combine(pieces.list().ofMinSize(1).ofMaxSize(6), Arbitraries.strings().alpha()
                        .ofLength(1))
                .as((list, anchor) -> anchor + String.join("", list));
    }

    /** The template's full variables with every string (also inside digest rows) set to {@code value}. */
    private static Map<String, Object> withEveryText(String template, String value) {
        Map<String, Object> variables = Fixtures.fullVariables(template);
        variables.replaceAll((name, old) -> old instanceof String ? value : old);
        if (template.equals("digest")) {
            Map<String, Object> item = Fixtures.item(value, value, value, value, value);
            for (String list : List.of("replies", "newRequests", "heldBack", "quarantined", "failed", "hardBounces")) {
                variables.put(list, Fixtures.listing(2, item));
            }
            variables.put("automaticByClass", List.of(Map.of("name", value, "count", 1L)));
            variables.put("automaticByRule", List.of(Map.of("name", value, "count", 1L)));
            variables.put("mailboxes", List.of(Fixtures.mailbox(value, value, value)));
        }
        return variables;
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
