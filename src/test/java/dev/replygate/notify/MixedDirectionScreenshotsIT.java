package dev.replygate.notify;

import dev.replygate.testsupport.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * English mails carrying Persian values, and Persian mails carrying Latin ones, as a browser shows them
 * (headless Chromium): every value a bidi isolate of its own. Their HTML and a screenshot of each are written
 * under target/templates/ for people to look at.
 */
class MixedDirectionScreenshotsIT {

    private static final Path OUT = Path.of("target", "templates");
    private static final String PERSIAN_NAME = "محمد رضایی";
    private static final String PERSIAN_SUBJECT = "سایت من از دسترس خارج است (خطای 503)!";
    private static final String PERSIAN_DEPARTMENT = "پشتیبانی فنی";
    /** A name that would turn the rest of its line around, and a subject that would open an embedding. */
    private static final String FORGED_NAME = "Eve \u202Egnp.exe";
    private static final String FORGED_SUBJECT = "Invoice \u202B1234 paid";

    @TempDir
    Path folder;

    @Test
    void valuesOfTheOtherDirectionStayInTheirPlace() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.in(folder);
        Files.createDirectories(OUT);
        TemplateRenderer renderer = Fixtures.renderer();
        Map<String, String> doms = new LinkedHashMap<>();
        for (String template : new String[] {"reply-redirect", "ticket-answered"}) {
            doms.put("en-" + template, shoot(chromium, renderer, template, "en", Fixtures.persianValues(template)));
            doms.put("fa-" + template, shoot(chromium, renderer, template, "fa", Fixtures.latinValues(template)));
            doms.put("en-" + template + "-forged", shoot(chromium, renderer, template, "en", forgedValues(template)));
        }

        assertThat(doms.get("en-reply-redirect")).contains("<bdi>" + PERSIAN_NAME + "</bdi>,")
                .as("the received mail's subject, given or not, is not shown")
                .doesNotContain(Fixtures.PERSIAN_SUBJECT_WITH_JOINERS);
        assertThat(doms.get("en-ticket-answered")).contains("<bdi>" + PERSIAN_NAME + "</bdi>,",
                "<bdi>" + PERSIAN_SUBJECT + "</bdi>", "<bdi>" + PERSIAN_DEPARTMENT + "</bdi>",
                "<bdi>علی</bdi>, one of our operators");
        assertThat(doms.get("fa-ticket-answered")).contains("<bdi>John Smith</bdi> گرامی",
                "<bdi>Website is down (error 503)!</bdi>", "<bdi>#123456</bdi>");
        assertThat(doms.get("fa-reply-redirect")).contains("<bdi>John Smith</bdi> گرامی");
        for (String template : new String[] {"en-reply-redirect-forged", "en-ticket-answered-forged"}) {
            assertThat(doms.get(template)).contains("<bdi>Eve gnp.exe</bdi>,")
                    .doesNotContain("\u202E", "\u202B");
        }
    }

    private String shoot(HeadlessChromium chromium, TemplateRenderer renderer, String template, String locale,
                         Map<String, Object> variables) throws Exception {
        String name = locale + "-" + template + (variables.get("recipientName").equals(FORGED_NAME) ? "-forged" : "");
        Path html = OUT.resolve(name + ".html").toAbsolutePath();
        Files.writeString(html, renderer.render(template, locale, variables).html(), StandardCharsets.UTF_8);
        chromium.screenshot(html.toUri().toString(), OUT.resolve(name + ".png"), 700, 900);
        return chromium.dom(html.toUri().toString());
    }

    private static Map<String, Object> forgedValues(String template) {
        Map<String, Object> variables = Fixtures.fullVariables(template);
        variables.put("recipientName", FORGED_NAME);
        variables.put("subject", FORGED_SUBJECT);
        variables.put("originalSubject", FORGED_SUBJECT);
        variables.put("operator", FORGED_NAME);
        return variables;
    }
}
