package dev.replygate.inbound;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replygate.mailbox.BatchOutcome;
import dev.replygate.mailbox.BodyRefused;
import dev.replygate.mailbox.Disposition;
import dev.replygate.mailbox.IncomingMessage;
import dev.replygate.mailbox.MessageOutcome;
import dev.replygate.mailbox.OtherMessageUnderKey;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.notify.QueuedNotification;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.store.Store;
import dev.replygate.testsupport.ShippedLogFormat;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The inbound stage on a real H2 store, with messages as a mailbox would give them. */
class InboundPipelineTest {

    private static final String SUPPORT = PipelineConfigFile.SUPPORT;
    private static final String CUSTOMER = "sara@customer.test";

    @TempDir
    Path dir;

    private HandFedPipeline fed;

    @BeforeEach
    void open() throws Exception {
        fed = new HandFedPipeline(PipelineConfigFile.write(dir, "trusted-authserv-ids: [mx.hosting.test]"));
    }

    @AfterEach
    void close() {
        fed.close();
    }

    private QueuedNotification notify(String ticket, String locale) {
        return notify(ticket, locale, CUSTOMER);
    }

    private QueuedNotification notify(String ticket, String locale, String customer) {
        return fed.replygate.notificationService().queue(new NotificationRequest(ticket, "answered", customer, "Sara",
                locale, Map.of("subject", "Website down"), null));
    }

    /** The dispositions of a batch given at once; fails when a message was deferred or an outage stopped it. */
    private List<Disposition> giveBatch(IncomingMessage... batch) {
        BatchOutcome outcome = fed.pipeline.acceptAll(List.of(batch));
        assertThat(outcome.outage()).isNull();
        return outcome.outcomes().stream().map(MessageOutcome::disposition).toList();
    }

    private static String replyTo(String messageId, String from, String extraHeaders) {
        return """
                Return-Path: <%s>
                From: Someone <%s>
                To: %s
                Subject: Re: Website down
                Message-ID: <reply-%d@customer.test>
                In-Reply-To: <%s>
                References: <%s>
                %sContent-Type: text/plain; charset=UTF-8

                Please fix it now!

                > quoted notification
                """.formatted(from, from, SUPPORT, System.nanoTime(), messageId, messageId, extraHeaders);
    }

    @Test
    void aSignedReplyIsAnsweredOnceAtTheNotifiedAddressInItsLanguage() throws Exception {
        QueuedNotification notification = notify("4711", "fa");
        String reply = replyTo(notification.messageId(), "forger@evil.test", "");

        assertThat(fed.give(reply, "imap:1:1", false)).isEqualTo(Disposition.REDIRECTED);
        assertThat(fed.give(reply, "imap:1:1", false)).isEqualTo(Disposition.REDIRECTED);
        assertThat(fed.give(reply, "imap:2:1", false)).as("same bytes after a UIDVALIDITY change")
                .isEqualTo(Disposition.IGNORED);

        List<OutboxItem> answers = fed.answers();
        assertThat(answers).hasSize(1);
        OutboxItem answer = answers.get(0);
        assertThat(answer.recipient()).isEqualTo(CUSTOMER);
        assertThat(answer.envelopeFrom()).isEmpty();
        assertThat(answer.subject()).isEqualTo("Auto: پیام شما به تیکت \u2068#4711\u2069 اضافه نشد");
        MimeMessage mail = parse(rawOf(answer.id()));
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(mail.getHeader("In-Reply-To", null)).startsWith("<reply-");
        assertThat(mail.getHeader("Content-Language", null)).isEqualTo("fa");
        assertThat(new String(rawOf(answer.id()), StandardCharsets.US_ASCII)).doesNotContain("quoted notification");
        assertThat(countRecords()).isEqualTo(2);
    }

    @Test
    void aReplyWithoutThreadingHeadersIsRecognisedByTheQuotedBodyMarker() throws Exception {
        QueuedNotification notification = notify("4718", "en");
        String reply = """
                Return-Path: <%s>
                From: <%s>
                To: %s
                Subject: my answer
                Message-ID: <stripped-1@customer.test>
                Content-Type: text/plain; charset=UTF-8

                Here is what you asked for.

                > Kind regards,
                > [rg-ref:%s]
                """.formatted(CUSTOMER, CUSTOMER, SUPPORT, notification.messageId());
        String forged = reply.replace(notification.messageId().substring(0, 12), "rg.9999.0000")
                .replace("stripped-1@", "stripped-2@");

        assertThat(fed.give(reply)).isEqualTo(Disposition.REDIRECTED);
        assertThat(reasonsOf("imap:1:1")).contains("body-marker");
        assertThat(fed.give(forged)).as("a marker without our signature ties nothing").isEqualTo(Disposition.IGNORED);
        assertThat(fed.answers()).singleElement().satisfies(a -> assertThat(a.ticketId()).isEqualTo("4718"));
    }

    @Test
    void aSecondReplyAboutTheSameTicketWithinTheWindowGetsNothing() throws Exception {
        QueuedNotification notification = notify("4712", "en");

        assertThat(fed.give(replyTo(notification.messageId(), CUSTOMER, ""))).isEqualTo(Disposition.REDIRECTED);
        assertThat(fed.give(replyTo(notification.messageId(), CUSTOMER, ""))).isEqualTo(Disposition.IGNORED);

        assertThat(fed.answers()).hasSize(1);
        assertThat(reasonsOf("imap:1:2")).contains("rate-limit:ticket-window");
    }

    @Test
    void oneBatchWithTheSameMessageTwiceAnswersItOnce() throws Exception {
        QueuedNotification notification = notify("4721", "en");
        String reply = replyTo(notification.messageId(), CUSTOMER, "");
        String sameMessageIdOtherBytes = reply.replace("Please fix it now!", "Please fix it now!!");

        assertThat(giveBatch(fed.incoming(reply, "imap:1:1", false), fed.incoming(reply, "imap:1:2", false),
                fed.incoming(sameMessageIdOtherBytes, "imap:1:3", false)))
                .containsExactly(Disposition.REDIRECTED, Disposition.IGNORED, Disposition.IGNORED);

        assertThat(fed.answers()).hasSize(1);
        assertThat(countRecords()).isEqualTo(3);
        assertThat(reasonsOf("imap:1:2")).contains("no-answer:duplicate");
        assertThat(reasonsOf("imap:1:3")).contains("no-answer:duplicate");
    }

    @Test
    void theRateLimitsSeeTheAnswersQueuedEarlierInTheSameBatch() throws Exception {
        QueuedNotification notification = notify("4722", "en");

        assertThat(giveBatch(fed.incoming(replyTo(notification.messageId(), CUSTOMER, ""), "imap:1:1", false),
                fed.incoming(replyTo(notification.messageId(), CUSTOMER, ""), "imap:1:2", false)))
                .containsExactly(Disposition.REDIRECTED, Disposition.IGNORED);

        assertThat(fed.answers()).hasSize(1);
        assertThat(reasonsOf("imap:1:2")).contains("rate-limit:ticket-window");
    }

    @Test
    void aKeyRecordedFirstElsewhereKeepsTheBatchsOtherRecords() throws Exception {
        QueuedNotification first = notify("4723", "en");
        QueuedNotification second = notify("4724", "en");
        String reply = replyTo(first.messageId(), CUSTOMER, "");
        // the key checked before the batch is free, then taken at insert: as when another node commits first
        List<Disposition> dispositions = giveBatch(fed.incoming(reply, "imap:1:1", false),
                fed.incoming(replyTo(second.messageId(), CUSTOMER, ""), "imap:1:2", false),
                fed.incoming(replyTo(first.messageId(), "other@customer.test", ""), "imap:1:1", false));

        assertThat(dispositions).containsExactly(Disposition.REDIRECTED, Disposition.REDIRECTED,
                Disposition.REDIRECTED);
        assertThat(countRecords()).isEqualTo(2);
        assertThat(fed.answers()).extracting(OutboxItem::ticketId).containsExactlyInAnyOrder("4723", "4724");
    }

    @Test
    void aMessageThatFailsOnItsOwnIsDeferredAloneAndTheBatchIsRecorded() throws Exception {
        QueuedNotification notification = notify("4725", "en");
        IncomingMessage failing = new IncomingMessage(fed.mailbox.name(), "imap:1:1", 1, 1, 10, false, () -> {
            throw new IllegalStateException("a bug set off by this message");
        });

        BatchOutcome outcome = fed.pipeline.acceptAll(List.of(failing,
                fed.incoming(replyTo(notification.messageId(), CUSTOMER, ""), "imap:1:2", false)));

        assertThat(outcome.outage()).isNull();
        assertThat(outcome.outcomes()).hasSize(2);
        assertThat(outcome.outcomes().get(0).deferred()).hasMessageContaining("a bug set off by this message");
        assertThat(outcome.outcomes().get(1).disposition()).isEqualTo(Disposition.REDIRECTED);
        assertThat(countRecords()).isEqualTo(1);
        assertThat(fed.answers()).hasSize(1);
    }

    @Test
    void automaticMailIsNeverAnswered() throws Exception {
        QueuedNotification notification = notify("4713", "en");

        assertThat(fed.give(replyTo(notification.messageId(), CUSTOMER, "Auto-Submitted: auto-replied\n")))
                .isEqualTo(Disposition.IGNORED);
        assertThat(fed.give(replyTo(notification.messageId(), CUSTOMER, "Precedence: bulk\n")))
                .isEqualTo(Disposition.IGNORED);
        assertThat(fed.answers()).isEmpty();
    }

    @Test
    void unreadableMailIsQuarantinedAndTheNextGoesOn() throws Exception {
        assertThat(fed.give("")).isEqualTo(Disposition.QUARANTINED);
        assertThat(fed.give("\0\0\0 not a mail")).isIn(Disposition.QUARANTINED, Disposition.IGNORED);
        QueuedNotification notification = notify("4714", "en");
        assertThat(fed.give(replyTo(notification.messageId(), CUSTOMER, ""))).isEqualTo(Disposition.REDIRECTED);
    }

    @Test
    void shadowModeRecordsButQueuesNothing() throws Exception {
        QueuedNotification notification = notify("4715", "en");

        assertThat(fed.give(replyTo(notification.messageId(), CUSTOMER, ""), "imap:1:9", true))
                .isEqualTo(Disposition.REDIRECTED);

        assertThat(fed.answers()).isEmpty();
        assertThat(countRecords()).isEqualTo(1);
    }

    @Test
    void newMailIsAnsweredOnlyWhenOurServerAuthenticatedTheSender() throws Exception {
        String unauthenticated = """
                Return-Path: <new@customer.test>
                From: <new@customer.test>
                To: %s
                Subject: Please delete my server
                Message-ID: <new-1@customer.test>
                Content-Type: text/plain

                Delete it.
                """.formatted(SUPPORT);
        String forgedResults = "Authentication-Results: mx.evil.test; dmarc=pass header.from=customer.test\n"
                + unauthenticated.replace("new-1@", "new-2@");
        String authenticated = "Authentication-Results: mx.hosting.test; spf=pass smtp.mailfrom=new@customer.test;"
                + " dmarc=pass header.from=customer.test\n" + unauthenticated.replace("new-1@", "new-3@");

        assertThat(fed.give(unauthenticated)).isEqualTo(Disposition.IGNORED);
        assertThat(fed.give(forgedResults)).isEqualTo(Disposition.IGNORED);
        assertThat(fed.give(authenticated)).isEqualTo(Disposition.REDIRECTED);

        assertThat(fed.answers()).singleElement().satisfies(a -> assertThat(a.recipient()).isEqualTo("new@customer.test"));
    }

    @Test
    void aRecordedPop3KeyIsTakenForItsRecordOnlyWithTheRecordedBytes() throws Exception {
        String first = replyTo(notify("4730", "en").messageId(), CUSTOMER, "");
        String other = first.replace("Please fix it now!", "Other words.");
        assertThat(other).isNotEqualTo(first);
        assertThat(fed.give(first, "pop3:7", false)).isEqualTo(Disposition.REDIRECTED);

        assertThat(fed.give(first, "pop3:7", false)).as("a crash before its delete: the recorded message")
                .isEqualTo(Disposition.REDIRECTED);
        BatchOutcome reused = fed.pipeline.acceptAll(List.of(fed.incoming(other, "pop3:7", false)));

        assertThat(reused.outage()).isNull();
        assertThat(reused.outcomes()).singleElement().satisfies(outcome -> assertThat(outcome.deferred())
                .isInstanceOf(OtherMessageUnderKey.class));
        assertThat(fed.answers()).hasSize(1);
        assertThat(countRecords()).isEqualTo(1);
        assertThat(count("inbound_failure")).as("not counted against the message: it is not poison").isZero();
        Disposition imap = fed.give(first, "imap:1:7", false);
        assertThat(fed.give(other, "imap:1:7", false)).as("an IMAP UID is never reused: taken for its record")
                .isEqualTo(imap);
        assertThat(fed.answers()).hasSize(1);
    }

    @Test
    void aPop3MessageQuarantinedWithoutItsBytesIsProcessedOnceWhenTheServerServesThem() throws Exception {
        String reply = replyTo(notify("4731", "en").messageId(), CUSTOMER, "");
        IncomingMessage refused = new IncomingMessage(fed.mailbox.name(), "pop3:9", 0, 0, 10, false, () -> {
            throw new BodyRefused("the server refused the body of message 1 (UIDL 9): it answered RETR with -ERR");
        });
        List<MessageOutcome> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            attempts.addAll(fed.pipeline.acceptAll(List.of(refused)).outcomes());
        }
        assertThat(attempts).extracting(MessageOutcome::disposition).containsExactly(null, null,
                Disposition.QUARANTINED);

        assertThat(fed.pipeline.acceptAll(List.of(refused)).outcomes()).as("still refused: as recorded")
                .extracting(MessageOutcome::disposition).containsExactly(Disposition.QUARANTINED);
        assertThat(count("inbound_failure")).as("nothing counted again").isZero();
        assertThat(fed.give(reply, "pop3:9", false)).as("served at last: processed, not taken for another message")
                .isEqualTo(Disposition.REDIRECTED);
        assertThat(fed.give(reply, "pop3:9", false)).as("listed again: the recorded message")
                .isEqualTo(Disposition.REDIRECTED);
        BatchOutcome other = fed.pipeline.acceptAll(List.of(fed.incoming(reply.replace("Please", "Do"), "pop3:9",
                false)));

        assertThat(other.outcomes()).singleElement().satisfies(outcome -> assertThat(outcome.deferred())
                .as("its record now holds its bytes").isInstanceOf(OtherMessageUnderKey.class));
        assertThat(fed.answers()).as("answered once").hasSize(1);
        assertThat(countRecords()).isEqualTo(1);
    }

    @Test
    void aForgedFromOnASignedReplyStillOnlyReachesTheCustomer() throws Exception {
        QueuedNotification notification = notify("4716", "en");

        fed.give(replyTo(notification.messageId(), "victim@elsewhere.test", ""));

        assertThat(fed.answers()).singleElement().satisfies(a -> assertThat(a.recipient()).isEqualTo(CUSTOMER));
    }

    @Test
    void aFailureWhileRecordingLeavesNoAnswerBehind() throws Exception {
        QueuedNotification notification = notify("4717", "en");
        String tooLongKey = "imap:1:" + "9".repeat(400);

        try {
            fed.give(replyTo(notification.messageId(), CUSTOMER, ""), tooLongKey, false);
        } catch (RuntimeException expected) {
            // the record does not fit its column: the transaction, answer included, rolls back
        }

        assertThat(fed.answers()).isEmpty();
        assertThat(countRecords()).isZero();
        assertThat(fed.give(replyTo(notification.messageId(), CUSTOMER, ""))).isEqualTo(Disposition.REDIRECTED);
        assertThat(fed.answers()).hasSize(1);
    }

    @Test
    void theLogLineOfARedirectedReplyNamesItsMailboxKeyTicketAndOutboxItemInTextAndJson() throws Exception {
        QueuedNotification notification = notify("4720", "en");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(InboundPipeline.class);
        lines.start();
        logger.addAppender(lines);
        try {
            fed.give(replyTo(notification.messageId(), CUSTOMER, ""), "imap:9:77", false);
        } finally {
            logger.detachAppender(lines);
        }
        long answerId = fed.answers().get(0).id();

        ILoggingEvent outcome = lines.list.stream().filter(e -> e.getFormattedMessage().contains("-> redirect"))
                .reduce((first, second) -> second).orElseThrow();
        String context = "[mailbox=" + fed.mailbox.name() + " message_key=imap:9:77 ticket=4720 outbox_id=" + answerId + "]";
        assertThat(ShippedLogFormat.TEXT.encode(outcome)).contains("InboundPipeline " + context + " - <reply-");
        JsonNode json = new ObjectMapper().readTree(ShippedLogFormat.JSON.encode(outcome));
        assertThat(json.get("mdc").properties()).extracting(Map.Entry::getKey, e -> e.getValue().asText())
                .containsExactlyInAnyOrder(tuple("mailbox", fed.mailbox.name()), tuple("message_key", "imap:9:77"),
                        tuple("ticket", "4720"), tuple("outbox_id", String.valueOf(answerId)));
        assertThat(json.get("formattedMessage").asText()).contains("-> redirect answered to " + CUSTOMER);
        assertThat(MDC.getCopyOfContextMap()).as("cleared after the message").isNullOrEmpty();
    }

    /**
     * A batch as the workers examine it: the outcomes, the records and the decision lines come in batch order,
     * all recorded in one transaction (one {@code received_at}, ids in batch order); the message whose answer
     * cannot be written (a bug set off on a worker) is deferred alone; a message larger than what is held in
     * memory is streamed on the reading thread in the middle of it, hashed over all its bytes.
     */
    @Test
    void aBatchExaminedOnTheWorkersIsRecordedInOrderInOneTransaction() throws Exception {
        Files.createDirectories(dir.resolve("templates/fa"));
        Files.writeString(dir.resolve("templates/fa/reply-redirect.html.peb"), "<p>{{ noSuchVariable }}</p>");
        String recordedBefore = replyTo(notify("4800", "en").messageId(), CUSTOMER, "");
        assertThat(fed.give(recordedBefore, "imap:1:1", false)).isEqualTo(Disposition.REDIRECTED);
        String big = """
                Return-Path: <big@customer.test>
                From: <big@customer.test>
                To: %s
                Subject: a large attachment
                Message-ID: <big-1@customer.test>
                Content-Type: text/plain

                %s
                """.formatted(SUPPORT, "0123456789abcdef".repeat(4 * InboundPipeline.MAX_EXAMINED_IN_MEMORY / 16 / 3)
                .replaceAll("(.{64})", "$1\n"));
        List<IncomingMessage> batch = new ArrayList<>();
        List<Disposition> expected = new ArrayList<>();
        batch.add(fed.incoming(recordedBefore, "imap:1:1", false));
        expected.add(Disposition.REDIRECTED);
        for (int i = 2; i <= 16; i++) {
            String key = "imap:1:" + i;
            if (i == 7) {
                batch.add(fed.incoming(replyTo(notify("4807", "fa", "x@customer.test").messageId(), "x@customer.test", ""),
                        key, false));
                expected.add(null);
            } else if (i == 10) {
                batch.add(unknownSize(fed.incoming(big, key, false)));
                expected.add(Disposition.IGNORED);
            } else if (i % 3 == 0) {
                batch.add(fed.incoming(replyTo(notify("48" + i, "en", "a" + i + "@customer.test").messageId(),
                        "a" + i + "@customer.test", "Auto-Submitted: auto-replied\n"), key, false));
                expected.add(Disposition.IGNORED);
            } else {
                batch.add(fed.incoming(replyTo(notify("48" + i, "en", "a" + i + "@customer.test").messageId(),
                        "a" + i + "@customer.test", ""), key, false));
                expected.add(Disposition.REDIRECTED);
            }
        }
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(InboundPipeline.class);
        lines.start();
        logger.addAppender(lines);
        BatchOutcome outcome;
        try {
            outcome = fed.pipeline.acceptAll(batch);
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(outcome.outage()).isNull();
        assertThat(outcome.outcomes()).extracting(MessageOutcome::disposition).containsExactlyElementsOf(expected);
        assertThat(outcome.outcomes().get(6).deferred()).hasMessageContaining("noSuchVariable");
        List<String> recordedKeys = batch.stream().map(IncomingMessage::key).filter(k -> !k.equals("imap:1:7"))
                .toList();
        assertThat(lines.list).extracting(e -> e.getMDCPropertyMap().get("message_key"))
                .containsExactlyElementsOf(recordedKeys);
        assertThat(lines.list.get(0).getFormattedMessage()).startsWith("already recorded as redirect");
        List<List<String>> rows = store().inTransaction(c -> {
            List<List<String>> found = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT message_key, received_at, sha256 FROM inbound_message"
                    + " WHERE message_key <> 'imap:1:1' ORDER BY id");
                 ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.add(List.of(r.getString(1), r.getString(2), HexFormat.of().formatHex(r.getBytes(3))));
                }
            }
            return found;
        });
        assertThat(rows).extracting(r -> r.get(0)).containsExactlyElementsOf(recordedKeys.subList(1, recordedKeys.size()));
        assertThat(rows).extracting(r -> r.get(1)).as("one transaction: one instant").containsOnly(rows.get(0).get(1));
        byte[] bigBytes = big.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(bigBytes.length).isGreaterThan(InboundPipeline.MAX_EXAMINED_IN_MEMORY);
        assertThat(rows).filteredOn(r -> r.get(0).equals("imap:1:10")).singleElement()
                .satisfies(r -> assertThat(r.get(2)).isEqualTo(HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(bigBytes))));
        assertThat(fed.answers()).hasSize(1 + 8);
    }

    @Test
    void aBatchLargerThanOneTransactionIsRecordedInSeveralInOrder() throws Exception {
        int size = 2 * InboundPipeline.RECORDS_PER_TRANSACTION + 3;
        List<IncomingMessage> batch = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String customer = "t" + i + "@c" + i + ".customer.test";
            batch.add(fed.incoming(replyTo(notify("5" + i, "en", customer).messageId(), customer, ""), "imap:1:" + i,
                    false));
        }

        assertThat(giveBatch(batch.toArray(IncomingMessage[]::new))).hasSize(size)
                .containsOnly(Disposition.REDIRECTED);

        List<String> instants = store().inTransaction(c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT received_at FROM inbound_message ORDER BY id");
                 ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.add(r.getString(1));
                }
            }
            return found;
        });
        int per = InboundPipeline.RECORDS_PER_TRANSACTION;
        assertThat(instants).hasSize(size);
        List<List<String>> transactions = List.of(instants.subList(0, per), instants.subList(per, 2 * per),
                instants.subList(2 * per, size));
        assertThat(transactions).as("one instant per transaction, in batch order")
                .allSatisfy(t -> assertThat(t).containsOnly(t.get(0)));
        assertThat(List.of(instants.get(0), instants.get(per), instants.get(2 * per))).doesNotHaveDuplicates();
        assertThat(count("answer_log")).as("one answer each").isEqualTo(size);
    }

    @Test
    void anOutageInTheMiddleOfAParallelBatchStopsItThere() throws Exception {
        List<IncomingMessage> batch = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String customer = "b" + i + "@customer.test";
            batch.add(fed.incoming(replyTo(notify("49" + i, "en", customer).messageId(), customer, ""), "imap:1:" + i,
                    false));
        }
        IOException dropped = new IOException("the connection dropped");
        batch.set(6, new IncomingMessage(fed.mailbox.name(), "imap:1:7", 1, 7, 100, false, () -> {
            throw dropped;
        }));

        BatchOutcome outcome = fed.pipeline.acceptAll(batch);

        assertThat(outcome.outage()).isSameAs(dropped);
        assertThat(outcome.outcomes()).extracting(MessageOutcome::disposition)
                .containsExactly(Disposition.REDIRECTED, Disposition.REDIRECTED, Disposition.REDIRECTED,
                        Disposition.REDIRECTED, Disposition.REDIRECTED, Disposition.REDIRECTED);
        assertThat(countRecords()).isEqualTo(6);
        assertThat(fed.answers()).extracting(OutboxItem::ticketId)
                .containsExactlyInAnyOrder("491", "492", "493", "494", "495", "496");
        int failures = store().inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM inbound_failure");
                 ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        });
        assertThat(failures).as("an outage counts against no message").isZero();
    }

    /** {@code message} with its size unknown, as some servers give it: only reading tells how large it is. */
    private static IncomingMessage unknownSize(IncomingMessage message) {
        return new IncomingMessage(message.mailbox(), message.key(), message.uidValidity(), message.uid(), -1,
                message.shadow(), message::openRaw);
    }

    private byte[] rawOf(long outboxId) {
        return OutboxMail.raw(store(), outboxId);
    }

    private String reasonsOf(String key) {
        return store().inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT reasons FROM inbound_message WHERE message_key = ?")) {
                q.setString(1, key);
                try (ResultSet rows = q.executeQuery()) {
                    return rows.next() ? rows.getString(1) : "";
                }
            }
        });
    }

    private int countRecords() {
        return count("inbound_message");
    }

    private int count(String table) {
        return store().inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                 ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    private Store store() {
        return fed.replygate.store();
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }
}
