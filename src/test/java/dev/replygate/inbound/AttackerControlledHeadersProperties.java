package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.mailbox.IncomingMessage;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.notify.QueuedNotification;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.outbound.OutboxKind;
import dev.replygate.testsupport.MutableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole inbound stage (parse, classify, decide, record, write the answer) on a real store, fed mail
 * whose every header a stranger wrote: From, Return-Path, Subject, References, and
 * Authentication-Results anywhere but the top block that our own receiving server adds. Whatever the
 * mix, an answer goes only to the address our server authenticated or to a customer we notified
 * about the ticket, and no answer carries the stranger's words in its subject (nor in its body, unless
 * it goes to the ticket's own customer).
 */
class AttackerControlledHeadersProperties {

    private static final String OUR_MX = "mx.hosting.test";
    private static final String SUPPORT = PipelineConfigFile.SUPPORT;
    private static final String ALICE = "alice@sender.test";
    private static final String SPAMMER = "spammer@gmail.test";
    private static final List<String> VICTIMS = List.of("victim@gmail.test", "victim+1@gmail.test",
            "Victim+promo@Gmail.test", "someone@elsewhere.test");
    private static final Map<String, String> CUSTOMERS = Map.of(
            "1001", "c1@customer.test", "1002", "c2@customer.test", "1003", "c3@customer.test");

    private static Path dir;
    private static MutableClock clock;
    private static Replygate replygate;
    private static InboundPipeline pipeline;
    private static MailboxConfig mailbox;
    private static final Map<String, String> NOTIFICATION_IDS = new LinkedHashMap<>();
    private static final AtomicInteger UID = new AtomicInteger();

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("rg-attacker");
        Path file = PipelineConfigFile.write(dir, """
                trusted-authserv-ids: [%s]
                subject-patterns:
                  - name: whmcs
                    pattern: '\\[Ticket ID: (?<ticket>\\d+)\\]'
                """.formatted(OUR_MX));
        ReplygateConfig config = ConfigLoader.load(file).config();
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        replygate = new Replygate(config, clock);
        mailbox = config.mailboxes().get(0);
        pipeline = replygate.inboundPipeline(mailbox);
        for (Map.Entry<String, String> customer : CUSTOMERS.entrySet()) {
            QueuedNotification queued = replygate.notificationService().queue(new NotificationRequest(
                    customer.getKey(), "answered", customer.getValue(), "Customer", "en",
                    Map.of("subject", "Website down"), null));
            NOTIFICATION_IDS.put(customer.getKey(), queued.messageId());
        }
    }

    @AfterContainer
    static void close() throws IOException {
        if (replygate != null) {
            replygate.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Property(tries = 400)
    void noAnswerReachesAStrangerOrCarriesTheirWords(@ForAll("attacks") Attack attack) throws Exception {
        // every try starts a day later, so that no rate limit hides an answer that should not exist
        clock.advance(Duration.ofDays(2));
        String key = "imap:1:" + UID.incrementAndGet();
        byte[] raw = attack.raw().getBytes(StandardCharsets.UTF_8);

        pipeline.accept(new IncomingMessage(mailbox.name(), key, 1, UID.get(), raw.length, false,
                () -> new ByteArrayInputStream(raw)));

        Optional<OutboxItem> answer = answerOf(key);
        Statistics.label("answered").collect(answer.isPresent() ? "to " + kindOf(answer.get().recipient())
                : "nothing");
        // counts, not shares (the same bar: more than 3 % and 1 % of the 400 tries): how often jqwik mixes in edge
        // cases depends on the run's seed, and one seed gave 4 answers to an authenticated sender where others
        // gave some 18 before its Return-Paths were drawn more often
        Statistics.label("answered").coverage(c -> {
            c.check("to notified customer").count(n -> n > 12);
            c.check("to authenticated sender").count(n -> n > 4);
        });
        if (answer.isEmpty()) {
            return;
        }
        String recipient = answer.get().recipient().toLowerCase(Locale.ROOT);
        boolean toCustomer = CUSTOMERS.containsValue(recipient);
        assertThat(toCustomer || attack.authenticated().map(a -> a.equals(recipient)).orElse(false))
                .as("answer to %s for %s", recipient, attack).isTrue();

        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(rawOf(answer.get().id())));
        String marker = attack.marker().toLowerCase(Locale.ROOT);
        assertThat(headersOf(mail).toLowerCase(Locale.ROOT)).as("the answer's headers for %s", attack)
                .doesNotContain(marker).doesNotContain("cheap pills").doesNotContain("spam.example");
        if (!toCustomer) {
            assertThat(textOf(mail).toLowerCase(Locale.ROOT)).as("the answer's body for %s", attack)
                    .doesNotContain(marker).doesNotContain("spam.example");
        }
    }

    @Provide
    Arbitrary<Attack> attacks() {
        Arbitrary<String> marker = Arbitraries.strings().withCharRange('a', 'z').ofLength(10).map(s -> "zq" + s);
        Arbitrary<TopBlock> top = Arbitraries.of(TopBlock.values());
        Arbitrary<String> from = Arbitraries.of(concat(VICTIMS, List.of(ALICE, SPAMMER, SUPPORT,
                "c1@customer.test", "postmaster+x@gmail.test")));
        // the authenticated addresses often enough that answers to them are tried, not only refusals
        Arbitrary<String> returnPath = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(ALICE, SPAMMER)),
                Tuple.of(3, Arbitraries.of(concat(VICTIMS, List.of("(none)", "", "c2@customer.test",
                        "support+x@hosting.test", "v".repeat(330) + "@gmail.test")))));
        Arbitrary<Boolean> forgedResults = Arbitraries.of(true, false);
        Arbitrary<String> references = Arbitraries.of("none", "1001", "1002", "1003", "forged", "stranger");
        Arbitrary<Integer> subjectShape = Arbitraries.integers().between(0, 4);
        return Combinators.combine(marker, top, from, returnPath, forgedResults, references, subjectShape)
                .as(Attack::new);
    }

    record Attack(String marker, TopBlock top, String attackerFrom, String returnPath, boolean forgedResults,
                  String references, int subjectShape) {

        /** The From of the message: fixed by a signature that covers it, else the attacker's. */
        String from() {
            return top.signedFrom == null ? attackerFrom : top.signedFrom;
        }

        /** The one address our server's top block vouches for, if any. */
        Optional<String> authenticated() {
            return Optional.ofNullable(top.authenticates);
        }

        String subject() {
            return switch (subjectShape) {
                case 0 -> "CHEAP PILLS at http://spam.example/" + marker;
                case 1 -> "Re: [Ticket ID: 1002] " + marker + " http://spam.example";
                case 2 -> "=?UTF-8?B?" + Base64.getEncoder().encodeToString(("خرید ارزان " + marker)
                        .getBytes(StandardCharsets.UTF_8)) + "?=";
                case 3 -> "Re: Website down " + marker;
                default -> "Re: [Ticket ID: " + "9".repeat(80) + "] " + marker;
            };
        }

        String raw() {
            StringBuilder mail = new StringBuilder();
            if (!returnPath.equals("(none)")) {
                mail.append("Return-Path: <").append(returnPath).append(">\r\n");
            }
            top.header(returnPath).ifPresent(h -> mail.append("Authentication-Results: ").append(h).append("\r\n"));
            mail.append("Received: from relay.gmail.test by ").append(OUR_MX).append(" with ESMTPS; Thu, 1 Jan 2026"
                    + " 00:00:00 +0000\r\n");
            if (forgedResults) {
                String domain = returnPath.contains("@") ? returnPath.substring(returnPath.indexOf('@') + 1)
                        : "gmail.test";
                mail.append("Authentication-Results: ").append(OUR_MX).append("; spf=pass smtp.mailfrom=")
                        .append(returnPath).append("; dkim=pass header.d=").append(domain)
                        .append("; dmarc=pass header.from=").append(domain).append("\r\n");
                mail.append("Received: from attacker.test by relay.gmail.test; Thu, 1 Jan 2026 00:00:00 +0000\r\n");
            }
            mail.append("From: \"").append(marker).append(" Support Team\" <").append(from()).append(">\r\n");
            mail.append("To: ").append(SUPPORT).append("\r\n");
            mail.append("Subject: ").append(subject()).append("\r\n");
            mail.append("Message-ID: <m").append(System.nanoTime()).append("@gmail.test>\r\n");
            referenceId().ifPresent(id -> mail.append("In-Reply-To: <").append(id).append(">\r\nReferences: <")
                    .append(id).append(">\r\n"));
            mail.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
            mail.append("Visit http://spam.example/").append(marker).append(" now.\r\n");
            return mail.toString();
        }

        private Optional<String> referenceId() {
            return switch (references) {
                case "none" -> Optional.empty();
                case "forged" -> Optional.of(NOTIFICATION_IDS.get("1001").replaceFirst("\\.[^.@]+@", ".AAAAAAAA@"));
                case "stranger" -> Optional.of("thread-" + marker + "@gmail.test");
                default -> Optional.of(NOTIFICATION_IDS.get(references));
            };
        }
    }

    /** What our own receiving server wrote at the top, and which address (if any) it thereby vouches for. */
    enum TopBlock {
        NONE(null, null, null),
        SPF_PASS_ALICE("spf=pass smtp.mailfrom=" + ALICE, null, ALICE),
        DMARC_PASS_ALICE("dkim=pass header.d=sender.test; dmarc=pass header.from=sender.test", ALICE, ALICE),
        DKIM_REPLAY("dkim=pass header.d=gmail.test header.i=@gmail.test", SPAMMER, SPAMMER),
        SPF_FAIL(null, null, null);

        private final String results;
        private final String signedFrom;
        private final String authenticates;

        TopBlock(String results, String signedFrom, String authenticates) {
            this.results = results;
            this.signedFrom = signedFrom;
            this.authenticates = authenticates;
        }

        Optional<String> header(String returnPath) {
            if (this == SPF_FAIL) {
                return Optional.of(OUR_MX + "; spf=fail smtp.mailfrom=" + returnPath);
            }
            return Optional.ofNullable(results).map(r -> OUR_MX + "; " + r);
        }
    }

    private static String kindOf(String recipient) {
        return CUSTOMERS.containsValue(recipient.toLowerCase(Locale.ROOT)) ? "notified customer"
                : "authenticated sender";
    }

    private static Optional<OutboxItem> answerOf(String key) {
        return replygate.outbox().list(100_000).stream()
                .filter(i -> i.kind() == OutboxKind.ANSWER)
                .filter(i -> answerIdOf(key).map(id -> id == i.id()).orElse(false))
                .findFirst();
    }

    private static Optional<Long> answerIdOf(String key) {
        return replygate.store().inTransaction(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT answer_outbox_id FROM inbound_message WHERE mailbox = ? AND message_key = ?")) {
                query.setString(1, mailbox.name());
                query.setString(2, key);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    long id = row.getLong(1);
                    return row.wasNull() ? Optional.empty() : Optional.of(id);
                }
            }
        });
    }

    private static byte[] rawOf(long outboxId) {
        return OutboxMail.raw(replygate.store(), outboxId);
    }

    /** Every header of the answer but the threading ones (which must name the original), decoded. */
    private static String headersOf(MimeMessage mail) throws Exception {
        StringBuilder text = new StringBuilder();
        Enumeration<Header> headers = mail.getAllHeaders();
        while (headers.hasMoreElements()) {
            Header header = headers.nextElement();
            if (!Set.of("in-reply-to", "references").contains(header.getName().toLowerCase(Locale.ROOT))) {
                text.append(header.getName()).append(": ").append(MimeUtility.decodeText(header.getValue()))
                        .append('\n');
            }
        }
        return text.toString();
    }

    private static String textOf(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                text.append(textOf(child));
            }
            return text.toString();
        }
        return content instanceof String s ? s : "";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
