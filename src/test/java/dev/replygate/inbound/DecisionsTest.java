package dev.replygate.inbound;

import dev.replygate.store.Store;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status pages' view of the records: newest first, paged, found by sender, ticket, Message-ID or class. */
class DecisionsTest {

    private static final Instant T0 = Instant.parse("2026-03-21T08:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private Decisions decisions;

    @BeforeEach
    void open() {
        store = Store.open(StoreConfigs.h2In(dir));
        decisions = new Decisions(store);
        for (int i = 1; i <= 7; i++) {
            int n = i;
            store.inTransaction(c -> new InboundRecords().insert(c, new InboundRecord(0, n % 2 == 0 ? "sales" : "support",
                    "imap:1:" + n, "%064d".formatted(n), "m" + n + "@example.net", "Customer" + n + "@Example.NET",
                    null, "subject " + n, 100, n == 7 ? "auto-reply" : "reply", n == 7 ? "ignore" : "redirect",
                    n == 7 ? "ignored" : "redirected", "48291" + n, "rule: value", null, null, false, null,
                    T0.plusSeconds(n))));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> keys(List<InboundRecord> records) {
        return records.stream().map(InboundRecord::messageKey).toList();
    }

    @Test
    void newestFirstInPages() {
        assertThat(keys(decisions.search("", 0, 3))).containsExactly("imap:1:7", "imap:1:6", "imap:1:5");
        assertThat(keys(decisions.search("", 3, 3))).containsExactly("imap:1:4", "imap:1:3", "imap:1:2");
        assertThat(keys(decisions.search("", 6, 3))).containsExactly("imap:1:1");
    }

    @Test
    void foundBySenderInAnyCaseTicketMessageIdWithOrWithoutBracketsOrClass() {
        assertThat(keys(decisions.search("customer3@example.net", 0, 10))).containsExactly("imap:1:3");
        assertThat(keys(decisions.search(" 482914 ", 0, 10))).containsExactly("imap:1:4");
        assertThat(keys(decisions.search("<m5@example.net>", 0, 10))).containsExactly("imap:1:5");
        assertThat(keys(decisions.search("m5@example.net", 0, 10))).containsExactly("imap:1:5");
        assertThat(keys(decisions.search("Auto-Reply", 0, 10))).containsExactly("imap:1:7");
        assertThat(decisions.search("' OR '1'='1", 0, 10)).isEmpty();
    }

    @Test
    void countedPerMailboxAndAction() {
        assertThat(decisions.countsSince(T0.plusSeconds(2))).isEqualTo(Map.of(
                "support", Map.of("redirect", 2L, "ignore", 1L),
                "sales", Map.of("redirect", 3L)));
        assertThat(decisions.find(decisions.search("", 0, 1).get(0).id())).hasValueSatisfying(
                record -> assertThat(record.messageKey()).isEqualTo("imap:1:7"));
    }

    @Test
    void aboutATicketOrSenderSinceAnInstantNewestFirst() {
        assertThat(keys(decisions.about("482913", null, null, 10))).containsExactly("imap:1:3");
        assertThat(keys(decisions.about(null, "CUSTOMER5@example.net", null, 10))).containsExactly("imap:1:5");
        assertThat(keys(decisions.about(null, null, T0.plusSeconds(6), 10))).containsExactly("imap:1:7", "imap:1:6");
        assertThat(keys(decisions.about("482914", "customer4@example.net", T0.plusSeconds(5), 10))).isEmpty();
        assertThat(keys(decisions.about(null, null, null, 2))).containsExactly("imap:1:7", "imap:1:6");
        assertThat(keys(decisions.about("x' OR '1'='1", null, null, 10))).isEmpty();
    }
}
