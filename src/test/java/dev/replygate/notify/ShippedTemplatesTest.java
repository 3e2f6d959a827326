package dev.replygate.notify;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;

import static dev.replygate.text.Bidi.FSI;
import static dev.replygate.text.Bidi.PDI;
import static dev.replygate.notify.Fixtures.TICKET;
import static dev.replygate.notify.Fixtures.TICKET_URL;
import static org.assertj.core.api.Assertions.assertThat;

/** The templates in config/templates, as the jar ships them. */
class ShippedTemplatesTest {

    private final TemplateRenderer renderer = Fixtures.renderer();

    static Iterable<String> allTemplates() {
        return Fixtures.ALL_TEMPLATES;
    }

    static Iterable<String> notifications() {
        return Fixtures.NOTIFICATIONS;
    }

    @ParameterizedTest
    @MethodSource("allTemplates")
    void everyTemplateExistsInEnglishAndPersian(String template) {
        assertThat(renderer.localesWith(template)).containsExactly("en", "fa");
    }

    @ParameterizedTest
    @MethodSource("allTemplates")
    void englishIsLeftToRight(String template) {
        RenderedTemplate mail = renderer.render(template, "en", Fixtures.fullVariables(template));

        assertThat(mail.locale()).isEqualTo("en");
        assertThat(mail.rightToLeft()).isFalse();
        Element html = Jsoup.parse(mail.html()).selectFirst("html");
        assertThat(html.attr("lang")).isEqualTo("en");
        assertThat(html.attr("dir")).isEqualTo("ltr");
        assertThat(mail.subject()).isNotBlank().doesNotContain("\n");
        assertThat(mail.text()).contains("Example Hosting").doesNotContain("<").doesNotContain("\n\n\n");
    }

    @ParameterizedTest
    @MethodSource("allTemplates")
    void persianIsRightToLeftWithIsolatedTokens(String template) {
        RenderedTemplate mail = renderer.render(template, "fa", Fixtures.fullVariables(template));

        assertThat(mail.locale()).isEqualTo("fa");
        assertThat(mail.rightToLeft()).isTrue();
        Document document = Jsoup.parse(mail.html());
        assertThat(document.selectFirst("html").attr("lang")).isEqualTo("fa");
        assertThat(document.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(document.select("bdi").eachText())
                .contains("Example Hosting", Fixtures.CLIENT_AREA_URL);
        assertThat(mail.text()).contains(FSI + Fixtures.CLIENT_AREA_URL + PDI);
        assertThat(mail.text()).doesNotContain("<").doesNotContain("\n\n\n");
    }

    @ParameterizedTest
    @MethodSource("ticketTemplates")
    void persianTicketNumbersStayAsciiInsideIsolates(String template) {
        RenderedTemplate mail = renderer.render(template, "fa", Fixtures.fullVariables(template));

        assertThat(Jsoup.parse(mail.html()).select("bdi").eachText()).contains("#" + TICKET);
        assertThat(mail.text()).contains(FSI + "#" + TICKET + PDI);
        assertThat(mail.text()).contains(FSI + TICKET_URL + PDI);
        assertThat(mail.subject()).contains(FSI + "#" + TICKET + PDI);
        assertThat(mail.text() + mail.subject()).doesNotContain("۱۲۳۴۵۶");
    }

    static Iterable<String> ticketTemplates() {
        return java.util.List.of("ticket-opened", "ticket-answered", "ticket-closed", "ticket-reminder",
                "reply-redirect");
    }

    @ParameterizedTest
    @MethodSource("ticketTemplates")
    void ticketMailsLinkToTheTicket(String template) {
        for (String locale : new String[] {"en", "fa"}) {
            RenderedTemplate mail = renderer.render(template, locale, Fixtures.fullVariables(template));

            assertThat(Jsoup.parse(mail.html()).select("a[href]").eachAttr("href")).contains(TICKET_URL);
            assertThat(mail.text()).contains(TICKET_URL);
        }
    }

    @ParameterizedTest
    @MethodSource("notifications")
    void notificationsSayThatEmailRepliesAreNotRead(String template) {
        assertThat(renderer.render(template, "en", Fixtures.fullVariables(template)).text())
                .contains("Replies to it are not read");
        assertThat(renderer.render(template, "fa", Fixtures.fullVariables(template)).text())
                .contains("خوانده نمی\u200cشوند");
    }

    @ParameterizedTest
    @MethodSource("allTemplates")
    void optionalVariablesMayBeLeftOut(String template) {
        Map<String, Object> variables = Fixtures.fullVariables(template);
        TemplateVariables.OPTIONAL.keySet().forEach(variables::remove);

        for (String locale : new String[] {"en", "fa"}) {
            RenderedTemplate mail = renderer.render(template, locale, variables);
            assertThat(mail.text()).doesNotContain("Sara").doesNotContain("Technical");
        }
    }

    @Test
    void greetingUsesTheNameOnlyWhenThereIsOne() {
        Map<String, Object> named = Fixtures.fullVariables("ticket-opened");
        Map<String, Object> anonymous = Fixtures.fullVariables("ticket-opened");
        anonymous.put("recipientName", "");

        assertThat(renderer.render("ticket-opened", "en", named).text())
                .contains("Hello " + FSI + "Sara Ahmadi" + PDI + ",");
        assertThat(renderer.render("ticket-opened", "en", anonymous).text()).contains("Hello,")
                .doesNotContain("Hello ,");
        assertThat(renderer.render("ticket-opened", "fa", named).text())
                .contains(FSI + "Sara Ahmadi" + PDI + " گرامی");
        assertThat(renderer.render("ticket-opened", "fa", anonymous).text()).contains("با سلام و احترام")
                .doesNotContain("گرامی");
    }

    @Test
    void datesFollowTheReadersCalendar() {
        Map<String, Object> variables = Fixtures.fullVariables("ticket-opened");

        assertThat(renderer.render("ticket-opened", "fa", variables).text()).contains("۱ فروردین ۱۴۰۵");
        assertThat(renderer.render("ticket-opened", "en", variables).text()).contains("March 21, 2026");
    }

    @Test
    void reminderShowsTheLastAnswerDateInTheReadersCalendar() {
        Map<String, Object> variables = Fixtures.fullVariables("ticket-reminder");

        assertThat(renderer.render("ticket-reminder", "fa", variables).text()).contains("۲۷ اسفند ۱۴۰۴");
        assertThat(renderer.render("ticket-reminder", "en", variables).text()).contains("March 18, 2026");
    }

    @Test
    void answeredNamesTheOperatorWhenKnown() {
        Map<String, Object> variables = Fixtures.fullVariables("ticket-answered");
        assertThat(renderer.render("ticket-answered", "en", variables).text())
                .contains(FSI + "Reza" + PDI + ", one of our operators");

        variables.remove("operator");
        assertThat(renderer.render("ticket-answered", "en", variables).text())
                .contains("Our support team has answered");
    }

    @Test
    void redirectSubjectsAreShortAndCarryNoAutoPrefix() {
        String reply = renderer.render("reply-redirect", "en", Fixtures.fullVariables("reply-redirect")).subject();
        String newMail = renderer.render("new-mail-redirect", "en", Fixtures.fullVariables("new-mail-redirect"))
                .subject();

        assertThat(reply).isEqualTo("Your message was not added to ticket #123456");
        assertThat(newMail).doesNotStartWith("Auto").hasSizeLessThan(60);
    }

    @Test
    void newMailRedirectLinksToNewTicketAndSignUp() {
        for (String locale : new String[] {"en", "fa"}) {
            RenderedTemplate mail = renderer.render("new-mail-redirect", locale,
                    Fixtures.fullVariables("new-mail-redirect"));

            assertThat(Jsoup.parse(mail.html()).select("a[href]").eachAttr("href")).contains(
                    "https://portal.example.com/submitticket.php", "https://portal.example.com/register.php");
        }
    }

    @Test
    void digestListsItemsAndCountsInTheReadersDigits() {
        RenderedTemplate en = renderer.render("digest", "en", Fixtures.fullVariables("digest"));
        RenderedTemplate fa = renderer.render("digest", "fa", Fixtures.fullVariables("digest"));

        assertThat(en.text()).contains("Messages received: 1,234",
                "sara@example.net: Re: [Ticket #123456] Website is down",
                "ticket #123456", TICKET_URL, "MIME nesting too deep", "12 more, 13 in all");
        assertThat(en.subject()).isEqualTo("Mail digest daily, March 21, 2026: 12 redirected, 3 held back, 2 failed,"
                + " 1 bounced");
        assertThat(fa.text()).contains("پیام\u200cهای دریافتی: ۱٬۲۳۴", FSI + "sara@example.net" + PDI,
                FSI + "#123456" + PDI);
        assertThat(fa.subject()).contains("۱۲").contains("۱ فروردین ۱۴۰۵");
    }

    @Test
    void quietDigestSaysSo() {
        Map<String, Object> variables = Fixtures.fullVariables("digest");
        variables.put("quiet", true);

        assertThat(renderer.render("digest", "en", variables).text())
                .contains("All quiet: no mail came in or went out in this period");
        assertThat(renderer.render("digest", "en", variables).subject()).endsWith(": all quiet");
        assertThat(renderer.render("digest", "fa", variables).html()).contains("همه\u200cچیز آرام بود");
    }

    @Test
    void digestNeedsEveryCount() {
        Map<String, Object> variables = Fixtures.fullVariables("digest");
        variables.put("counts", Map.of("received", 1));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> renderer.render("digest", "en", variables))
                .isInstanceOf(MissingVariableException.class)
                .hasMessageContaining("redirected");
    }
}
