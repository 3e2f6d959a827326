package dev.replygate.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.replygate.text.Bidi.FSI;
import static dev.replygate.text.Bidi.PDI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lookup, fallback, escaping and errors, with templates written to an override folder. */
class TemplateRendererTest {

    @TempDir
    Path overrides;

    private void write(String name, String content) throws IOException {
        Path file = overrides.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A minimal template in the override folder that extends the shipped layout. */
    private void writeTemplate(String locale, String name, String subject, String content) throws IOException {
        write(locale + "/" + name + ".subject.peb", subject);
        write(locale + "/" + name + ".html.peb",
                "{% extends \"layout.html.peb\" %}{% block content %}" + content + "{% endblock %}");
    }

    private static Map<String, Object> common() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("portalName", "Example Hosting");
        variables.put("clientAreaUrl", Fixtures.CLIENT_AREA_URL);
        return variables;
    }

    @Test
    void overrideFolderWinsOverBuiltInFilePerFile() throws IOException {
        write("en/ticket-opened.subject.peb", "Custom: #{{ ticket }}");
        Map<String, Object> variables = Fixtures.fullVariables("ticket-opened");

        RenderedTemplate mail = Fixtures.renderer(overrides).render("ticket-opened", "en", variables);

        assertThat(mail.subject()).isEqualTo("Custom: #123456");
        assertThat(mail.text()).contains("We have received your support request"); // built-in HTML still used
    }

    @Test
    void overrideLayoutAppliesToBuiltInTemplates() throws IOException {
        write("layout.html.peb", "<html lang=\"{{ locale }}\" dir=\"{{ dir }}\"><body><p>BRANDED</p>"
                + "{% block content %}{% endblock %}</body></html>");

        RenderedTemplate mail = Fixtures.renderer(overrides)
                .render("ticket-closed", "en", Fixtures.fullVariables("ticket-closed"));

        assertThat(mail.html()).contains("<p>BRANDED</p>").contains("Your ticket has been closed");
    }

    @Test
    void missingOverrideFolderIsFine() {
        TemplateRenderer renderer = Fixtures.renderer(overrides.resolve("not/there"));

        assertThat(renderer.render("ticket-closed", "en", Fixtures.fullVariables("ticket-closed")).locale())
                .isEqualTo("en");
    }

    @Test
    void regionFallsBackToLanguage() {
        RenderedTemplate mail = Fixtures.renderer().render("ticket-opened", "fa-IR",
                Fixtures.fullVariables("ticket-opened"));

        assertThat(mail.locale()).isEqualTo("fa");
        assertThat(mail.rightToLeft()).isTrue();
    }

    @Test
    void unknownLocaleFallsBackToDefault() {
        RenderedTemplate mail = Fixtures.renderer().render("ticket-opened", "de",
                Fixtures.fullVariables("ticket-opened"));

        assertThat(mail.locale()).isEqualTo("en");
        assertThat(mail.html()).contains("lang=\"en\"", "dir=\"ltr\"");
    }

    @Test
    void exactRegionalLocaleIsPreferred() throws IOException {
        writeTemplate("pt", "hello", "Olá", "<p>pt</p>");
        writeTemplate("pt-BR", "hello", "Oi", "<p>pt-BR</p>");
        TemplateRenderer renderer = Fixtures.renderer(overrides);

        assertThat(renderer.render("hello", "pt_br", common()).locale()).isEqualTo("pt-BR");
        assertThat(renderer.render("hello", "pt-PT", common()).subject()).isEqualTo("Olá");
    }

    @Test
    void localeMissingOneTemplateUsesTheDefaultForThatTemplateOnly() throws IOException {
        writeTemplate("de", "ticket-opened", "Ticket #{{ ticket }} eröffnet", "<p>Hallo</p>");
        TemplateRenderer renderer = Fixtures.renderer(overrides);

        assertThat(renderer.render("ticket-opened", "de", Fixtures.fullVariables("ticket-opened")).locale())
                .isEqualTo("de");
        RenderedTemplate closed = renderer.render("ticket-closed", "de", Fixtures.fullVariables("ticket-closed"));
        assertThat(closed.locale()).isEqualTo("en");
        assertThat(closed.subject()).startsWith("Ticket #123456 closed");
    }

    @Test
    void localeWithoutSubjectFileCountsAsMissing() throws IOException {
        write("de/ticket-closed.html.peb", "{% extends \"layout.html.peb\" %}");
        TemplateRenderer renderer = Fixtures.renderer(overrides);

        assertThat(renderer.localesWith("ticket-closed")).containsExactly("en", "fa");
        assertThat(renderer.render("ticket-closed", "de", Fixtures.fullVariables("ticket-closed")).locale())
                .isEqualTo("en");
    }

    @Test
    void noLocaleOrMalformedLocaleMeansDefault() {
        TemplateRenderer renderer = Fixtures.renderer();
        Map<String, Object> variables = Fixtures.fullVariables("ticket-closed");

        assertThat(renderer.render("ticket-closed", null, variables).locale()).isEqualTo("en");
        assertThat(renderer.render("ticket-closed", "../../etc", variables).locale()).isEqualTo("en");
    }

    @Test
    void unknownTemplateFails() {
        assertThatThrownBy(() -> Fixtures.renderer().render("ticket-exploded", "fa", common()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("ticket-exploded");
    }

    @Test
    void templateNamesCannotLeaveTheTemplateFolder() {
        assertThatThrownBy(() -> Fixtures.renderer().render("../en/ticket-opened", "en", common()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("invalid template name");
    }

    @Test
    void existsAndLocalesWith() throws IOException {
        writeTemplate("de", "welcome", "Willkommen", "<p>Hallo</p>");
        TemplateRenderer renderer = Fixtures.renderer(overrides);

        assertThat(renderer.exists("welcome")).isTrue();
        assertThat(renderer.exists("ticket-reminder")).isTrue();
        assertThat(renderer.exists("nothing-like-this")).isFalse();
        assertThat(renderer.localesWith("welcome")).containsExactly("de");
        assertThat(renderer.localesWith("digest")).containsExactly("en", "fa");
    }

    @Test
    void missingRequiredVariableIsNamed() {
        Map<String, Object> variables = Fixtures.fullVariables("ticket-answered");
        variables.remove("ticketUrl");

        assertThatThrownBy(() -> Fixtures.renderer().render("ticket-answered", "fa", variables))
                .isInstanceOfSatisfying(MissingVariableException.class, e -> {
                    assertThat(e.variable()).isEqualTo("ticketUrl");
                    assertThat(e.template()).isEqualTo("fa/ticket-answered.html.peb");
                })
                .hasMessageContaining("'ticketUrl'")
                .hasMessageContaining("used at macros.html.peb"); // passed to the button macro
    }

    @Test
    void variableMissingInLayoutNamesLayoutAndTemplate() {
        Map<String, Object> variables = Fixtures.fullVariables("ticket-closed");
        variables.remove("clientAreaUrl");

        assertThatThrownBy(() -> Fixtures.renderer().render("ticket-closed", "en", variables))
                .isInstanceOfSatisfying(MissingVariableException.class, e -> {
                    assertThat(e.variable()).isEqualTo("clientAreaUrl");
                    assertThat(e.template()).isEqualTo("en/ticket-closed.html.peb");
                })
                .hasMessageContaining("used at layout.html.peb line");
    }

    @Test
    void nullOrBlankRequiredVariableCountsAsMissing() {
        Map<String, Object> variables = Fixtures.fullVariables("ticket-opened");
        variables.put("ticket", "  ");
        assertThatThrownBy(() -> Fixtures.renderer().render("ticket-opened", "en", variables))
                .isInstanceOfSatisfying(MissingVariableException.class,
                        e -> assertThat(e.variable()).isEqualTo("ticket"));

        variables.put("ticket", Fixtures.TICKET);
        variables.put("subject", null);
        assertThatThrownBy(() -> Fixtures.renderer().render("ticket-opened", "en", variables))
                .isInstanceOfSatisfying(MissingVariableException.class,
                        e -> assertThat(e.variable()).isEqualTo("subject"));
    }

    @Test
    void subjectIsOneUnescapedLine() {
        Map<String, Object> variables = Fixtures.fullVariables("ticket-opened");
        variables.put("subject", "Site down\r\n\tagain <script>alert(1)</script> & \"more\"\n");

        RenderedTemplate mail = Fixtures.renderer().render("ticket-opened", "en", variables);

        assertThat(mail.subject())
                .isEqualTo("Ticket #123456 received: Site down again <script>alert(1)</script> & \"more\"");
        assertThat(mail.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;")
                .doesNotContain("<script>");
        assertThat(mail.text()).contains("<script>alert(1)</script>");
    }

    @Test
    void callerCannotOverrideTheLocaleOrDirection() {
        Map<String, Object> variables = Fixtures.fullVariables("ticket-opened");
        variables.put("locale", "en");
        variables.put("dir", "ltr");

        assertThat(Fixtures.renderer().render("ticket-opened", "fa", variables).html())
                .contains("lang=\"fa\" dir=\"rtl\"");
    }

    @Test
    void isolateEscapesBeforeMarkingSafe() throws IOException {
        writeTemplate("fa", "probe", "{{ value | isolate }}", "<p>{{ value | isolate }}|{{ status | isolate }}|</p>");
        Map<String, Object> variables = common();
        variables.put("value", "<b>x</b>\u202E&");
        variables.put("status", "");

        RenderedTemplate mail = Fixtures.renderer(overrides).render("probe", "fa", variables);

        assertThat(mail.html()).contains("<p><bdi>&lt;b&gt;x&lt;/b&gt;&amp;</bdi>||</p>");
        assertThat(mail.subject()).isEqualTo(FSI + "<b>x</b>&" + PDI);
    }

    @Test
    void isolateIsolatesInLeftToRightLocalesToo() throws IOException {
        writeTemplate("en", "probe", "Hello {{ value | isolate }}, 2", "<p>Hello {{ value | isolate }}, 2</p>");
        Map<String, Object> variables = common();
        variables.put("value", "\u202E<b>محمد 1");

        RenderedTemplate mail = Fixtures.renderer(overrides).render("probe", "en", variables);

        assertThat(mail.html()).contains("<p>Hello <bdi>&lt;b&gt;محمد 1</bdi>, 2</p>");
        assertThat(mail.subject()).isEqualTo("Hello " + FSI + "<b>محمد 1" + PDI + ", 2");
    }

    @Test
    void isolateLeavesTheValuesEdgeWhiteSpaceOutsideInText() throws IOException {
        writeTemplate("en", "probe", "[{{ value | isolate }}]", "<p>{{ value | isolate }}</p>");
        write("en/probe.txt.peb", "[{{ value | isolate }}]\n[{{ status | isolate }}]\n");
        Map<String, Object> variables = common();
        variables.put("value", "\n\t سایت down \r\n");
        variables.put("status", " \n ");

        RenderedTemplate mail = Fixtures.renderer(overrides).render("probe", "en", variables);

        assertThat(mail.subject()).isEqualTo("[" + FSI + "سایت down" + PDI + "]");
        assertThat(mail.text()).isEqualTo("[" + FSI + "سایت down" + PDI + "]\n[]\n");
    }

    /** Left-to-right text around a left-to-right value: isolates would only make the subject an encoded word. */
    @Test
    void isolateWritesNoMarksAroundLeftToRightValuesInLeftToRightText() throws IOException {
        writeTemplate("en", "probe", "[{{ value | isolate }}] ({{ digits | isolate }})", "<p>{{ value | isolate }}</p>");
        write("en/probe.txt.peb", "[{{ value | isolate }}] ({{ digits | isolate }})\n");
        Map<String, Object> variables = common();
        variables.put("value", " Site \u202Edown (503)! ");
        variables.put("digits", "\u0661\u0662\u0663"); // Arabic-Indic digits: class AN, they can reorder

        RenderedTemplate mail = Fixtures.renderer(overrides).render("probe", "en", variables);

        assertThat(mail.subject()).isEqualTo("[Site down (503)!] (" + FSI + "\u0661\u0662\u0663" + PDI + ")");
        assertThat(mail.text()).isEqualTo("[Site down (503)!] (" + FSI + "\u0661\u0662\u0663" + PDI + ")\n");
        assertThat(mail.html()).contains("<p><bdi> Site down (503)! </bdi></p>"); // HTML: the same whatever the value
        writeTemplate("fa", "probe", "[{{ value | isolate }}] ({{ digits | isolate }})", "<p>{{ value | isolate }}</p>");
        assertThat(Fixtures.renderer(overrides).render("probe", "fa", variables).subject())
                .isEqualTo("[" + FSI + "Site down (503)!" + PDI + "] (" + FSI + "\u0661\u0662\u0663" + PDI + ")");
    }

    @Test
    void handWrittenTextIsUsedWhenPresent() throws IOException {
        writeTemplate("fa", "probe", "s", "<p>from html</p>");
        write("fa/probe.txt.peb", "سلام {{ name }}\n\n\n\nتیکت {{ ticket | isolate }} <kept>   \n");
        Map<String, Object> variables = common();
        variables.put("name", "<Sara>");
        variables.put("ticket", "#42");

        String text = Fixtures.renderer(overrides).render("probe", "fa", variables).text();

        assertThat(text).isEqualTo("سلام <Sara>\n\nتیکت " + FSI + "#42" + PDI + " <kept>\n");
    }

    @Test
    void textDerivedFromHtmlKeepsLinksAndBreaks() throws IOException {
        writeTemplate("en", "probe", "s",
                "<p>Line one<br>line two</p><p><a href=\"{{ url }}\">Open it</a></p>");
        Map<String, Object> variables = common();
        variables.put("url", "https://example.com/x?a=1&b=2");

        String text = Fixtures.renderer(overrides).render("probe", "en", variables).text();

        assertThat(text).contains("Line one\nline two\n\nOpen it (https://example.com/x?a=1&b=2)");
    }

    @Test
    void emptySubjectFails() throws IOException {
        writeTemplate("en", "probe", "{{ recipientName }}\n", "<p>x</p>");

        assertThatThrownBy(() -> Fixtures.renderer(overrides).render("probe", "en", common()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("empty subject");
    }

    @Test
    void syntaxErrorNamesTheFile() throws IOException {
        writeTemplate("en", "probe", "{% if %}", "<p>x</p>");

        assertThatThrownBy(() -> Fixtures.renderer(overrides).render("probe", "en", common()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("en/probe.subject.peb");
    }

    @Test
    void badDateNamesTheFile() throws IOException {
        writeTemplate("en", "probe", "{{ when | localdate }}", "<p>x</p>");
        Map<String, Object> variables = common();
        variables.put("when", "next Tuesday");

        assertThatThrownBy(() -> Fixtures.renderer(overrides).render("probe", "en", variables))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("en/probe.subject.peb")
                .hasMessageContaining("next Tuesday");
    }

    @Test
    void includesResolveRelativeToTheTemplate() throws IOException {
        write("en/parts/sign.html.peb", "<p>Signed, {{ portalName }}</p>");
        writeTemplate("en", "probe", "s", "{% include \"./parts/sign.html.peb\" %}");

        assertThat(Fixtures.renderer(overrides).render("probe", "en", common()).text())
                .contains("Signed, Example Hosting");
    }

    @Test
    void invalidDefaultLocaleIsRejected() {
        assertThatThrownBy(() -> new TemplateRenderer(overrides, "not a locale"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a locale");
    }
}
