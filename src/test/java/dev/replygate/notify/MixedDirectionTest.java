package dev.replygate.notify;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.text.Bidi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.replygate.text.Bidi.FSI;
import static dev.replygate.text.Bidi.PDI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * English mails carrying values of the other direction, or values that try to turn text around: each value is an
 * isolate of its own in the subject, the HTML and the text part, so the English around it keeps its order
 * (checked with the Unicode bidi algorithm of {@link java.text.Bidi}, as a mail program would lay the text out).
 */
class MixedDirectionTest {

    private static final String PERSIAN_NAME = "محمد رضایی";
    /** Digits and neutrals after Persian letters: without an isolate they join the Persian run and what follows. */
    private static final String PERSIAN_SUBJECT = "سایت از دسترس خارج است (خطای 503)!";
    /** Right-to-left override: unclosed, it turns the rest of its line around. */
    private static final String FORGED_NAME = "Eve \u202Egnp.exe";
    /** Right-to-left embedding, never closed. */
    private static final String FORGED_SUBJECT = "Invoice \u202B1234 paid";
    /**
     * What is ours: the links, the ticket number (ASCII letters and digits), and the names the admin gave in
     * replygate's configuration (a digest's, a mailbox's, our rules').
     */
    private static final Set<String> OURS = Set.of("ticket", "ticketUrl", "clientAreaUrl", "newTicketUrl",
            "signupUrl", "digestName");

    private final TemplateRenderer renderer = Fixtures.renderer();

    static Iterable<String> allTemplates() {
        return Fixtures.ALL_TEMPLATES;
    }

    static Iterable<String> customersMails() {
        return Fixtures.ALL_TEMPLATES.stream().filter(template -> !template.equals("digest")).toList();
    }

    @ParameterizedTest
    @MethodSource("allTemplates")
    void persianValuesInEnglishMailsAreIsolated(String template) {
        RenderedTemplate mail = renderer.render(template, "en", everyValue(template, PERSIAN_NAME, PERSIAN_SUBJECT));

        for (String part : parts(mail)) {
            assertEveryLetterOutsideIsolatesIsLeftToRight(part);
        }
        assertThat(mail.text() + PlainText.ofHtml(mail.html())).contains(FSI + PERSIAN_NAME + PDI);
        if (template.startsWith("ticket-") && !template.equals("ticket-reminder")) {
            assertThat(mail.subject()).endsWith(": " + FSI + PERSIAN_SUBJECT + PDI);
        }
        assertThat(Jsoup.parse(mail.html()).select("bdi").eachText()).contains(PERSIAN_NAME);
        assertThat(persianOutsideBdi(mail.html())).as("Persian letters outside <bdi>").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("allTemplates")
    void forgedDirectionMarksCannotReorderEnglishMails(String template) {
        RenderedTemplate mail = renderer.render(template, "en", everyValue(template, FORGED_NAME, FORGED_SUBJECT));

        for (String part : parts(mail)) {
            assertThat(part).doesNotContain("\u202A", "\u202B", "\u202C", "\u202D", "\u202E");
            assertEveryLetterOutsideIsolatesIsLeftToRight(part);
        }
        // the layout's <title> holds the portal's name as it is: no element can isolate it there, and mail
        // programs show the body
        String body = mail.html().substring(mail.html().indexOf("<body"));
        assertThat(body).contains("<bdi>Eve gnp.exe</bdi>").doesNotContain("\u202E", "\u202B");
        assertThat(mail.text() + PlainText.ofHtml(mail.html())).contains(FSI + "Eve gnp.exe" + PDI);
        if (template.startsWith("ticket-") && !template.equals("ticket-reminder")) {
            // its controls removed, the subject is left to right: nothing to isolate, so no encoded word for it
            assertThat(mail.subject()).endsWith(": Invoice 1234 paid");
        }
    }

    /** The greeting as a reader sees it: the comma stays after the name, on the English side. */
    @ParameterizedTest
    @MethodSource("customersMails")
    void theGreetingKeepsItsComma(String template) {
        RenderedTemplate mail = renderer.render(template, "en", everyValue(template, PERSIAN_NAME, PERSIAN_SUBJECT));

        assertThat(mail.text()).contains("\nHello " + FSI + PERSIAN_NAME + PDI + ",");
        assertThat(mail.html()).contains("Hello <bdi>" + PERSIAN_NAME + "</bdi>,");
    }

    /** Subject, text part, and the text of the HTML with each {@code <bdi>} as an isolate. */
    private static List<String> parts(RenderedTemplate mail) {
        return List.of(mail.subject(), mail.text(), PlainText.ofHtml(mail.html()));
    }

    /**
     * Lays out each line as a left-to-right paragraph (and as one whose direction is its first letter's, as
     * plain-text mail programs do): every character outside an isolate must stay at level 0, in English order.
     */
    static void assertEveryLetterOutsideIsolatesIsLeftToRight(String text) {
        for (String line : text.split("\n")) {
            for (int direction : new int[] {Bidi.DIRECTION_LEFT_TO_RIGHT, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT}) {
                Bidi bidi = new Bidi(line, direction);
                int depth = 0;
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    boolean closing = c == PDI && depth == 1;
                    if (depth == 0 || closing) {
                        assertThat(bidi.getLevelAt(i)).as("level of character %d '%s' of line: %s", i, c, line)
                                .isZero();
                    }
                    if (c == FSI || c == '\u2066' || c == '\u2067') {
                        depth++;
                    } else if (c == PDI) {
                        depth--;
                        assertThat(depth).as("isolates balanced in %s", line).isGreaterThanOrEqualTo(0);
                    }
                }
                assertThat(depth).as("isolates closed in %s", line).isZero();
            }
        }
    }

    /** Text nodes of the HTML that hold Persian letters and stand in no {@code <bdi>}. */
    private static List<String> persianOutsideBdi(String html) {
        Document document = Jsoup.parse(html);
        List<String> found = new ArrayList<>();
        document.body().traverse((node, depth) -> {
            if (node instanceof TextNode text && text.text().chars().anyMatch(
                    c -> Character.getDirectionality(c) == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC)
                    && !inBdi(text)) {
                found.add(text.text());
            }
        });
        return found;
    }

    private static boolean inBdi(Node node) {
        for (Node parent = node.parentNode(); parent != null; parent = parent.parentNode()) {
            if (parent.nodeName().equals("bdi")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The template's variables with each value that comes from outside set to {@code name} or {@code subject}:
     * a subject where a subject goes, the name everywhere else; in the digest, its items and errors too.
     */
    private static Map<String, Object> everyValue(String template, String name, String subject) {
        Map<String, Object> variables = Fixtures.fullVariables(template);
        variables.replaceAll((key, value) -> !(value instanceof String) || OURS.contains(key) ? value
                : key.toLowerCase().contains("subject") ? subject : name);
        if (template.equals("digest")) {
            Map<String, Object> item = new HashMap<>(Fixtures.item(name, subject, Fixtures.TICKET,
                    Fixtures.TICKET_URL, subject));
            for (String list : List.of("replies", "newRequests", "heldBack", "quarantined", "failed", "hardBounces")) {
                variables.put(list, Fixtures.listing(3, item));
            }
            variables.put("mailboxes", List.of(Fixtures.mailbox("support@example.com", "failing", subject)));
        }
        return variables;
    }
}
