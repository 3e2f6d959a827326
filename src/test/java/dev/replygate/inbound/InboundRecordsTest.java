package dev.replygate.inbound;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.mailbox.IncomingMessage;
import dev.replygate.parse.MailParser;
import dev.replygate.parse.ParseLimits;
import dev.replygate.parse.ParsedMail;
import dev.replygate.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Issue 9: a record is made from the examined message and read back by column name, field for field. */
class InboundRecordsTest {

    private final Store store = Store.open(new StoreConfig("jdbc:h2:mem:inbound_" + UUID.randomUUID()
            .toString().replace("-", ""), "sa", Secret.empty(), 2));
    private final InboundRecords records = new InboundRecords();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String SHA256 = "ab".repeat(32);

    @AfterEach
    void close() {
        store.close();
    }

    private static IncomingMessage message(String key, byte[] raw, boolean shadow) {
        return new IncomingMessage("support", key, 1, 1, raw.length, shadow, () -> new ByteArrayInputStream(raw));
    }

    private InboundRecord storedAndReadBack(InboundRecord record) {
        long id = store.inTransaction(c -> records.insert(c, record));
        InboundRecord read = store.inTransaction(c -> records.findByKey(c, record.mailbox(), record.messageKey()))
                .orElseThrow();
        assertThat(read.id()).isEqualTo(id);
        return read;
    }

    /**
     * A stranger's 60 KB Subject, Message-ID and From are cut to what the store keeps when the record is made,
     * not only when it is written: a batch's records wait in memory for its transaction (500 of them by default).
     */
    @Test
    void aRecordHoldsAStrangersLongHeadersOnlyAsFarAsTheStoreKeepsThem() throws Exception {
        String longWord = "x".repeat(60_000);
        byte[] raw = ("From: <" + longWord + "@customer.test>\r\nReturn-Path: <" + longWord + "@customer.test>\r\n"
                + "Message-ID: <" + longWord + "@customer.test>\r\nSubject: " + longWord + "\r\n\r\nHello\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ParsedMail mail = new MailParser(ParseLimits.DEFAULT).parse(new ByteArrayInputStream(raw));
        assertThat(mail.subject()).hasSizeGreaterThan(InboundRecords.MAX_SUBJECT);

        InboundRecord.Outcome outcome = InboundRecord.of("support", message("imap:1:9", raw, false), SHA256, mail);
        InboundRecord record = outcome.handled("other", "ignore", "ignored", null, "x").at(now);

        assertThat(record.subject()).hasSize(InboundRecords.MAX_SUBJECT);
        assertThat(outcome.messageId()).isEqualTo(record.messageId()).hasSize(InboundRecords.MAX_MESSAGE_ID);
        assertThat(record.sender()).satisfiesAnyOf(sender -> assertThat(sender).isNull(),
                sender -> assertThat(sender).hasSizeLessThanOrEqualTo(InboundRecords.MAX_ADDRESS));
        assertThat(record.returnPath()).satisfiesAnyOf(path -> assertThat(path).isNull(),
                path -> assertThat(path).hasSizeLessThanOrEqualTo(InboundRecords.MAX_ADDRESS));
        assertThat(storedAndReadBack(record)).usingRecursiveComparison().ignoringFields("id").isEqualTo(record);
    }

    @Test
    void aParsedMessageIsRecordedWithWhatItSaysAndWhatWasDone() throws Exception {
        byte[] raw = ("Return-Path: <sara@customer.test>\r\nFrom: Sara <sara@customer.test>\r\n"
                + "Message-ID: <m1@customer.test>\r\nSubject: Website down\r\n\r\nHello\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ParsedMail mail = new MailParser(ParseLimits.DEFAULT).parse(new ByteArrayInputStream(raw));
        InboundRecord first = storedAndReadBack(InboundRecord.of("support", message("imap:1:0", raw, true), SHA256,
                mail).handled("reply", "redirect", "redirected", "482913", "reply-to-notification: x").at(now));
        InboundRecord record = InboundRecord.of("support", message("imap:1:1", raw, true), SHA256, mail)
                .handled("reply", "redirect", "redirected", "482913", "reply-to-notification: x")
                .answered(null, "sara@customer.test")
                .duplicateOf(first.id())
                .at(now);

        InboundRecord read = storedAndReadBack(record);

        assertThat(read).usingRecursiveComparison().ignoringFields("id").isEqualTo(record);
        assertThat(read.messageId()).isEqualTo("m1@customer.test");
        assertThat(read.sender()).isEqualTo("sara@customer.test");
        assertThat(read.subject()).isEqualTo("Website down");
        assertThat(read.answerTo()).isEqualTo("sara@customer.test");
        assertThat(read.duplicateOf()).isEqualTo(first.id());
        assertThat(read.shadow()).isTrue();
    }

    @Test
    void theRecordsOfABatchsKeysAreFoundInTheirMailboxOnly() {
        byte[] raw = new byte[7];
        for (String key : List.of("imap:1:10", "imap:1:11")) {
            store.inTransaction(c -> records.insert(c, InboundRecord.of("support", message(key, raw, false), SHA256,
                    null).handled("unparseable", "quarantine", "quarantined", null, "x").at(now)));
        }
        store.inTransaction(c -> records.insert(c, InboundRecord.of("helpdesk", message("imap:1:12", raw, false),
                SHA256, null).handled("unparseable", "quarantine", "quarantined", null, "x").at(now)));

        Map<String, InboundRecord> found = store.inTransaction(c -> records.findByKeys(c, "support",
                List.of("imap:1:11", "imap:1:12", "imap:1:99", "imap:1:11", "imap:1:10")));

        assertThat(found).containsOnlyKeys("imap:1:10", "imap:1:11");
        assertThat(found.get("imap:1:11").mailbox()).isEqualTo("support");
        Map<String, InboundRecord> one = store.inTransaction(c -> records.findByKeys(c, "support",
                List.of("imap:1:10")));
        assertThat(one).containsOnlyKeys("imap:1:10");
    }

    @Test
    void anUnparsedMessageIsRecordedWithItsSizeAndNoAnswer() {
        byte[] raw = new byte[42];
        InboundRecord record = InboundRecord.of("support", message("imap:1:2", raw, false), "cd".repeat(32), null)
                .handled("unparseable", "quarantine", "quarantined", null, "unparseable: x")
                .at(now);

        InboundRecord read = storedAndReadBack(record);

        assertThat(read).usingRecursiveComparison().ignoringFields("id").isEqualTo(record);
        assertThat(read.size()).isEqualTo(42);
        assertThat(read.subject()).isEmpty();
        assertThat(read.messageId()).isNull();
        assertThat(read.answerOutboxId()).isNull();
        assertThat(read.duplicateOf()).isNull();
    }

    @Test
    void aBatchOfKeysFindsTheRecordsOfItsMailboxWhateverItsSize() {
        int batch = 2 * InboundRecords.KEYS_PER_QUERY + 7;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            String key = "imap:7:" + i;
            keys.add(key);
            if (i % 3 == 0) {
                InboundRecord record = InboundRecord.of("support", message(key, new byte[i + 1], false),
                        SHA256, null).handled("unparseable", "quarantine", "quarantined", null, "x").at(now);
                store.inTransaction(c -> records.insert(c, record));
            } else if (i % 3 == 1) {
                InboundRecord elsewhere = InboundRecord.of("sales", message(key, new byte[1], false), SHA256, null)
                        .handled("unparseable", "quarantine", "quarantined", null, "x").at(now);
                store.inTransaction(c -> records.insert(c, elsewhere));
            }
        }

        Map<String, InboundRecord> found = store.inTransaction(c -> records.findByKeys(c, "support", keys));

        assertThat(found).hasSize((batch + 2) / 3);
        found.forEach((key, record) -> {
            assertThat(record.messageKey()).isEqualTo(key);
            assertThat(record.mailbox()).isEqualTo("support");
            assertThat(record.size()).isEqualTo(Integer.parseInt(key.substring("imap:7:".length())) + 1);
        });
        Map<String, InboundRecord> none = store.inTransaction(c -> records.findByKeys(c, "support", List.of()));
        assertThat(none).isEmpty();
    }

    @Test
    void aBatchOfKeysIsLookedUpKeyByKeyInTheUniqueIndexNotByScanningTheMailbox() {
        String plan = store.inTransaction(c -> {
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + InboundRecords.byKeysQuery(2))) {
                for (int i = 1; i <= 4; i++) {
                    explain.setString(i, i % 2 == 1 ? "support" : "imap:1:" + i);
                }
                try (ResultSet rows = explain.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });

        // the index condition names both columns of each pair, not "MAILBOX = ?1" alone
        assertThat(plan).containsPattern("(?i)/\\* PUBLIC\\.UQ_INBOUND_MESSAGE_KEY\\w*:\\s+IN\\(ROW \\(\\?1, \\?2\\)");
    }

    @Test
    void aRecordNeedsItsOutcome() {
        assertThatIllegalStateException().isThrownBy(() -> InboundRecord.of("support",
                message("imap:1:3", new byte[1], false), "ef".repeat(32), null).at(now));
    }
}
