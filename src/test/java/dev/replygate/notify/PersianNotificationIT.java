package dev.replygate.notify;

import com.ibm.icu.util.PersianCalendar;
import com.ibm.icu.util.TimeZone;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.cli.TestConfigFile;
import dev.replygate.testsupport.LoopbackGreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2, acceptance: the Persian notification's HTML has {@code dir="rtl"}, its subject decodes
 * to the original Persian, its date is Solar Hijri; with the headers every notification carries.
 * Queued with {@code notify}, delivered with {@code run --once} to GreenMail, read back from it.
 */
class PersianNotificationIT {

    private static final String PERSIAN_SUBJECT = "سایت من از دسترس خارج شده است";
    private static final String PERSIAN_NAME = "سارا احمدی";
    private static final String FA_TICKET = "482913";
    private static final String EN_TICKET = "482914";
    private static final ZoneId ZONE = ZoneId.of(TestConfigFile.TIME_ZONE);
    private static final String[] SOLAR_HIJRI_MONTHS = {"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد",
        "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"};

    @TempDir
    java.nio.file.Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtp();
    private java.nio.file.Path config;

    @BeforeEach
    void start() {
        config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
    }

    private ReplygateJar.Result replygate(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        ReplygateJar.Result result = ReplygateJar.run(folder, all.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result;
    }

    private static String persianDigits(int number) {
        StringBuilder digits = new StringBuilder();
        for (char c : Integer.toString(number).toCharArray()) {
            digits.append((char) ('۰' + (c - '0')));
        }
        return digits.toString();
    }

    /**
     * That day in the Solar Hijri calendar, computed here from ICU's calendar: day, month name, year,
     * in Persian digits ("۵ آذر ۱۴۰۵" when joined).
     */
    private static List<String> solarHijri(Instant instant) {
        PersianCalendar calendar = new PersianCalendar(TimeZone.getTimeZone(ZONE.getId()));
        calendar.setTime(Date.from(instant));
        return List.of(persianDigits(calendar.get(PersianCalendar.DAY_OF_MONTH)),
                SOLAR_HIJRI_MONTHS[calendar.get(PersianCalendar.MONTH)],
                persianDigits(calendar.get(PersianCalendar.YEAR)));
    }

    private static String gregorian(Instant instant) {
        return DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US).withZone(ZONE).format(instant);
    }

    private ReceivedMail received(String messageId) throws MessagingException {
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (("<" + messageId + ">").equals(message.getMessageID())) {
                return new ReceivedMail(message);
            }
        }
        throw new AssertionError("not received: <" + messageId + ">");
    }

    @Test
    void aPersianNotificationIsRightToLeftWithASolarHijriDateAndEncodedHeaders() throws Exception {
        Instant before = Instant.now();
        ReplygateJar.Result fa = replygate("notify", "--ticket", FA_TICKET, "--event", "opened",
                "--to", "sara@customer.test", "--name", PERSIAN_NAME, "--locale", "fa",
                "--var", "subject=" + PERSIAN_SUBJECT, "--var", "department=پشتیبانی فنی");
        ReplygateJar.Result en = replygate("notify", "--ticket", EN_TICKET, "--event", "opened",
                "--to", "john@customer.test", "--name", "John Smith", "--locale", "en",
                "--var", "subject=Cannot renew my domain");
        Instant after = Instant.now();
        assertThat(fa.stdout()).contains("(fa)");

        replygate("run", "--once");

        assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        ReceivedMail persian = received(fa.messageId());

        // multipart/alternative: a text and an HTML part
        assertThat(persian.message.isMimeType("multipart/alternative")).as(persian.message.getContentType()).isTrue();

        // the HTML is right to left, in Persian, with the ticket number isolated
        String html = persian.html();
        Document document = Jsoup.parse(html);
        assertThat(document.select("html").attr("dir")).isEqualTo("rtl");
        assertThat(document.select("html").attr("lang")).isEqualTo("fa");
        assertThat(html).contains("dir=\"rtl\"", "lang=\"fa\"");
        assertThat(document.select("bdi").eachText()).contains("#" + FA_TICKET, PERSIAN_SUBJECT);

        // the subject is RFC 2047 encoded on the wire and decodes to what the template makes of the request
        String rawSubject = persian.rawHeader("Subject");
        assertThat(rawSubject).as("encoded words only, no raw UTF-8 in the header")
                .matches("(?s)\\s*=\\?(?i:utf-8)\\?[BbQq]\\?.*\\?=\\s*").matches("\\p{ASCII}*");
        String decoded = MimeUtility.decodeText(MimeUtility.unfold(rawSubject));
        assertThat(decoded).isEqualTo(persian.message.getSubject())
                .contains("تیکت", FA_TICKET, PERSIAN_SUBJECT)
                .isEqualTo(expectedSubject("fa", FA_TICKET, PERSIAN_SUBJECT, PERSIAN_NAME));

        // the display name of the recipient is encoded too
        assertThat(persian.rawHeader("To")).contains("=?").doesNotContain(PERSIAN_NAME);
        InternetAddress to = (InternetAddress) persian.message.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo(PERSIAN_NAME);
        assertThat(to.getAddress()).isEqualTo("sara@customer.test");

        // the text part has the date in the Solar Hijri calendar with Persian digits
        String text = persian.text();
        String dateLine = text.lines().filter(line -> line.startsWith("تاریخ")).findFirst()
                .orElseThrow(() -> new AssertionError("no date line in:\n" + text));
        assertThat(dateLine).as("Persian digits only").doesNotContainPattern("[0-9]");
        Set<List<String>> possibleDays = new LinkedHashSet<>(List.of(solarHijri(before), solarHijri(after)));
        assertThat(possibleDays).as("date line: %s", dateLine)
                .anySatisfy(day -> assertThat(dateLine).contains(String.join(" ", day)));
        assertThat(text).contains("\u2068#" + FA_TICKET + "\u2069");

        // the headers every notification carries
        assertThat(persian.rawHeader("Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(persian.rawHeader("X-Auto-Response-Suppress")).isEqualTo("All");
        assertThat(persian.rawHeader("X-Replygate-Loop")).isEqualTo(TestConfigFile.INSTANCE);
        assertThat(persian.rawHeader("Content-Language")).isEqualTo("fa");
        assertThat(persian.message.getMessageID()).isEqualTo("<" + fa.messageId() + ">")
                .matches("<[^@<>\\s]*" + Pattern.quote(FA_TICKET) + "[^@<>\\s]*@" + Pattern.quote(TestConfigFile.DOMAIN)
                        + ">");
        assertThat(((InternetAddress) persian.message.getFrom()[0]).getAddress()).isEqualTo(TestConfigFile.FROM_ADDRESS);

        // the English one: left to right, Gregorian date
        ReceivedMail english = received(en.messageId());
        Document englishHtml = Jsoup.parse(english.html());
        assertThat(englishHtml.select("html").attr("lang")).isEqualTo("en");
        assertThat(englishHtml.select("html").attr("dir")).isEqualTo("ltr");
        assertThat(english.rawHeader("Content-Language")).isEqualTo("en");
        assertThat(english.message.getSubject()).isEqualTo("Ticket #" + EN_TICKET + " received: Cannot renew my domain");
        String englishText = english.text();
        String englishDate = englishText.lines().filter(line -> line.startsWith("Date:")).findFirst()
                .orElseThrow(() -> new AssertionError("no date line in:\n" + englishText));
        assertThat(new LinkedHashSet<>(List.of(gregorian(before), gregorian(after)))).as(englishDate)
                .anySatisfy(day -> assertThat(englishDate).isEqualTo("Date: " + day));
        assertThat(english.message.getMessageID()).endsWith("@" + TestConfigFile.DOMAIN + ">");
    }

    /** The subject line the shipped template makes of these values, rendered here for comparison. */
    private String expectedSubject(String locale, String ticket, String subject, String name) {
        TemplateRenderer renderer = new TemplateRenderer(folder.resolve("templates"), "en", ZONE, Clock.systemUTC());
        Map<String, Object> variables = new HashMap<>();
        variables.put("ticket", ticket);
        variables.put("ticketUrl", TestConfigFile.TICKET_URL + ticket);
        variables.put("portalName", "Test Hosting");
        variables.put("clientAreaUrl", "https://portal.hosting.test/clientarea.php");
        variables.put("recipientName", name);
        variables.put("subject", subject);
        return renderer.render("ticket-opened", locale, variables).subject();
    }
}
