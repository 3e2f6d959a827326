package dev.replygate.outbound;

import dev.replygate.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final TestStore db = new TestStore();
    private final MutableClock clock = new MutableClock(T0);
    private final Outbox outbox = new Outbox(db.store, clock);

    @AfterEach
    void close() {
        db.close();
    }

    private EnqueueResult enqueue(OutboxEntry entry) {
        return db.store.inTransaction(connection -> outbox.enqueue(connection, entry));
    }

    @Test
    void enqueuedItemIsQueuedAndDueNow() {
        EnqueueResult result = enqueue(Entries.notification(1, "n-1"));

        assertThat(result.created()).isTrue();
        OutboxItem item = outbox.find(result.id()).orElseThrow();
        assertThat(item.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(item.kind()).isEqualTo(OutboxKind.NOTIFICATION);
        assertThat(item.messageId()).isEqualTo("rg.n1@support.example.com");
        assertThat(item.recipient()).isEqualTo("customer1@example.org");
        assertThat(item.envelopeFrom()).isEqualTo("bounces@example.com");
        assertThat(item.idempotencyKey()).isEqualTo("n-1");
        assertThat(item.ticketId()).isEqualTo("1");
        assertThat(item.attempts()).isZero();
        assertThat(item.nextAttemptAt()).isEqualTo(T0);
        assertThat(item.createdAt()).isEqualTo(T0);
        assertThat(item.sentAt()).isNull();
    }

    @Test
    void theSameKeyTwiceGivesOneRowAndTheSameId() {
        EnqueueResult first = enqueue(Entries.notification(1, "ticket-1/answered/7"));
        EnqueueResult second = enqueue(Entries.notification(2, "ticket-1/answered/7"));

        assertThat(second).isEqualTo(new EnqueueResult(first.id(), false));
        assertThat(outbox.list(10)).hasSize(1);
    }

    @Test
    void aRepeatedKeyLeavesTheCallersTransactionUsable() {
        enqueue(Entries.notification(1, "key"));

        long extra = db.store.inTransaction(connection -> {
            EnqueueResult again = outbox.enqueue(connection, Entries.notification(2, "key"));
            assertThat(again.created()).isFalse();
            return outbox.enqueue(connection, Entries.notification(3, "other-key")).id();
        });

        assertThat(outbox.find(extra)).isPresent();
        assertThat(outbox.list(10)).hasSize(2);
    }

    @Test
    void enqueueRollsBackWithTheCallersTransaction() {
        assertThatThrownBy(() -> db.store.inTransaction(connection -> {
            outbox.enqueue(connection, Entries.notification(1, "key"));
            throw new IllegalStateException("caller failed after enqueueing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(outbox.list(10)).isEmpty();
    }

    @Test
    void enqueueWorksOnAnAutoCommitConnection() throws Exception {
        try (var connection = db.store.dataSource().getConnection()) {
            assertThat(outbox.enqueue(connection, Entries.notification(1, "k")).created()).isTrue();
            assertThat(outbox.enqueue(connection, Entries.notification(2, "k")).created()).isFalse();
        }
        assertThat(outbox.list(10)).hasSize(1);
    }

    @Test
    void racingCallersWithOneKeyGetOneItem() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<EnqueueResult>> calls = IntStream.range(0, 16)
                    .<Callable<EnqueueResult>>mapToObj(i -> () -> enqueue(Entries.notification(i, "same")))
                    .toList();
            List<EnqueueResult> results = threads.invokeAll(calls).stream().map(OutboxTest::get).toList();

            assertThat(results).extracting(EnqueueResult::id).containsOnly(results.get(0).id());
            assertThat(results).filteredOn(EnqueueResult::created).hasSize(1);
            assertThat(outbox.list(100)).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void answersUseTheNullSender() {
        long id = enqueue(Entries.answer(1, "someone@example.net")).id();

        OutboxItem item = outbox.find(id).orElseThrow();
        assertThat(item.kind()).isEqualTo(OutboxKind.ANSWER);
        assertThat(item.envelopeFrom()).isEmpty();
        assertThatThrownBy(() -> Entries.entry(OutboxKind.ANSWER, null, "x@y.example", "support@example.com",
                "someone@example.net")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesRecipientsThatCouldInjectSmtpCommands() {
        assertThatThrownBy(() -> Entries.entry(OutboxKind.NOTIFICATION, null, "x@y.example", "a@example.com",
                "a@example.com>\r\nRCPT TO:<b@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Entries.entry(OutboxKind.NOTIFICATION, null, "x@y.example", "a@example.com",
                "no-domain")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsNewestFirstAndByState() {
        long first = enqueue(Entries.notification(1, null)).id();
        long second = enqueue(Entries.notification(2, null)).id();
        setState(first, "failed");

        assertThat(outbox.list(10)).extracting(OutboxItem::id).containsExactly(second, first);
        assertThat(outbox.list(1)).extracting(OutboxItem::id).containsExactly(second);
        assertThat(outbox.list(OutboxState.FAILED, 10)).extracting(OutboxItem::id).containsExactly(first);
        assertThat(outbox.list(OutboxState.SENT, 10)).isEmpty();
    }

    @Test
    void depthCountsWhatIsNotSentAndDatesTheOldestWaiting() {
        assertThat(outbox.depth()).isEqualTo(new OutboxDepth(java.util.Map.of(OutboxState.QUEUED, 0L,
                OutboxState.SENDING, 0L, OutboxState.FAILED, 0L), java.util.Optional.empty()));
        long failedFirst = enqueue(Entries.notification(1, null)).id();
        clock.advance(Duration.ofMinutes(1));
        long sending = enqueue(Entries.notification(2, null)).id();
        clock.advance(Duration.ofMinutes(1));
        enqueue(Entries.notification(3, null));
        long sent = enqueue(Entries.notification(4, null)).id();
        setState(failedFirst, "failed");
        setState(sending, "sending");
        setState(sent, "sent");

        OutboxDepth depth = outbox.depth();

        assertThat(depth.byState()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                OutboxState.QUEUED, 1L, OutboxState.SENDING, 1L, OutboxState.FAILED, 1L));
        assertThat(depth.oldestWaiting()).as("the failed item waits for no one").hasValue(T0.plusSeconds(60));
    }

    @Test
    void retryQueuesAFailedItemNowWithAFreshWindow() {
        long id = enqueue(Entries.notification(1, null)).id();
        setState(id, "failed");
        clock.advance(Duration.ofDays(5));

        assertThat(outbox.retry(id)).isTrue();

        OutboxItem item = outbox.find(id).orElseThrow();
        assertThat(item.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(item.nextAttemptAt()).isEqualTo(clock.instant());
        assertThat(item.attempts()).isZero();
        assertThat(item.retriedAt()).isEqualTo(clock.instant());
        assertThat(item.deliveryWindowStart()).isEqualTo(clock.instant());
    }

    @Test
    void retryRefusesUnknownSentAndSendingItems() {
        long id = enqueue(Entries.notification(1, null)).id();

        assertThat(outbox.retry(id + 100)).isFalse();
        setState(id, "sending");
        assertThat(outbox.retry(id)).isFalse();
        setState(id, "sent");
        assertThat(outbox.retry(id)).isFalse();
        setState(id, "queued");
        assertThat(outbox.retry(id)).isTrue();
    }

    @Test
    void keepsTheRawMessageByteForByte() {
        OutboxEntry entry = Entries.notification(1, null);
        long id = enqueue(entry).id();

        byte[] stored = db.store.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT raw_message FROM outbox WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getBytes(1);
                }
            }
        });
        assertThat(stored).isEqualTo(entry.rawMessage());
    }

    private void setState(long id, String state) {
        db.store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE outbox SET state = ? WHERE id = ?")) {
                update.setString(1, state);
                update.setLong(2, id);
                return update.executeUpdate();
            }
        });
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
