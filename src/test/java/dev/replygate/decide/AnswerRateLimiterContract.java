package dev.replygate.decide;

import dev.replygate.classify.Reason;

import dev.replygate.config.StoreConfig;
import dev.replygate.store.Store;
import dev.replygate.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the answer rate limits must do on every supported database; each subclass supplies a fresh one. */
abstract class AnswerRateLimiterContract {

    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");
    private static final String CUSTOMER = "customer@example.net";

    private final AtomicInteger inbound = new AtomicInteger();
    private final AnswerRateLimiter limiter = limiter(Duration.ofHours(24), 5);
    private Store store;

    abstract StoreConfig freshDatabase();

    /** A limiter of mailbox {@code support} whose hourly caps are out of the way. */
    private static AnswerRateLimiter limiter(Duration replyWindow, int maxAnswersPerDay) {
        return new AnswerRateLimiter("support", replyWindow, maxAnswersPerDay, 1000, 1000);
    }

    @BeforeEach
    void open() {
        store = Store.open(freshDatabase());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Optional<Reason> refusal(AnswerRateLimiter limiter, String recipient, String ticket, Instant now) {
        return store.inTransaction(c -> limiter.refusal(c, recipient, ticket, now));
    }

    private Optional<Reason> refusal(String recipient, String ticket, Instant now) {
        return refusal(limiter, recipient, ticket, now);
    }

    /** Checks and, when allowed, records, as the decide stage does; true when answered. */
    private boolean answer(AnswerRateLimiter limiter, String recipient, String ticket, Instant now) {
        return store.inTransaction(c -> {
            if (limiter.refusal(c, recipient, ticket, now).isPresent()) {
                return false;
            }
            limiter.record(c, recipient, ticket, "inbound-" + inbound.incrementAndGet(), now);
            return true;
        });
    }

    private boolean answer(String recipient, String ticket, Instant now) {
        return answer(limiter, recipient, ticket, now);
    }

    /** How many of {@code count} answers were allowed: the i-th by {@code by(i)} to {@code to(i)} at {@code at(i)}. */
    private int answered(int count, IntFunction<AnswerRateLimiter> by, IntFunction<String> to,
                         IntFunction<Instant> at) {
        int answered = 0;
        for (int i = 0; i < count; i++) {
            if (answer(by.apply(i), to.apply(i), "T" + i, at.apply(i))) {
                answered++;
            }
        }
        return answered;
    }

    @Test
    void theFirstAnswerIsAllowed() {
        assertThat(refusal(CUSTOMER, "T1", T0)).isEmpty();
        assertThat(refusal(CUSTOMER, null, T0)).isEmpty();
    }

    @Test
    void oneAnswerPerRecipientAndTicketInTheWindow() {
        assertThat(answer(CUSTOMER, "T1", T0)).isTrue();

        Optional<Reason> refusal = refusal(CUSTOMER, "T1", T0.plus(Duration.ofHours(23)));
        assertThat(refusal).map(Reason::rule).contains("rate-limit:ticket-window");
        assertThat(refusal).map(Reason::value).hasValueSatisfying(value -> assertThat(value)
                .contains(CUSTOMER, "ticket T1", T0.toString(), "PT24H"));
        assertThat(refusal(CUSTOMER, "T2", T0.plus(Duration.ofHours(23)))).isEmpty();
        assertThat(refusal("other@example.net", "T1", T0.plus(Duration.ofHours(23)))).isEmpty();
    }

    @Test
    void theWindowSlides() {
        assertThat(answer(CUSTOMER, "T1", T0)).isTrue();

        assertThat(refusal(CUSTOMER, "T1", T0.plus(Duration.ofHours(24)).minusMillis(1))).isPresent();
        assertThat(refusal(CUSTOMER, "T1", T0.plus(Duration.ofHours(24)))).isEmpty();
        assertThat(answer(CUSTOMER, "T1", T0.plus(Duration.ofHours(30)))).isTrue();
        assertThat(refusal(CUSTOMER, "T1", T0.plus(Duration.ofHours(53)))).map(Reason::value)
                .hasValueSatisfying(value -> assertThat(value).contains(T0.plus(Duration.ofHours(30)).toString()));
    }

    @Test
    void theWindowIsAConstructorArgument() {
        AnswerRateLimiter hourly = limiter(Duration.ofHours(1), 5);
        assertThat(answer(hourly, CUSTOMER, "T1", T0)).isTrue();

        assertThat(refusal(hourly, CUSTOMER, "T1", T0.plus(Duration.ofMinutes(59)))).isPresent();
        assertThat(refusal(hourly, CUSTOMER, "T1", T0.plus(Duration.ofMinutes(60)))).isEmpty();
    }

    @Test
    void newMailIsAnsweredOncePerRecipientInTheWindowApartFromTicketAnswers() {
        assertThat(answer(CUSTOMER, null, T0)).isTrue();

        assertThat(refusal(CUSTOMER, null, T0.plus(Duration.ofHours(1)))).map(Reason::value)
                .hasValueSatisfying(value -> assertThat(value).contains("about new mail"));
        assertThat(answer(CUSTOMER, "T1", T0.plus(Duration.ofHours(1)))).isTrue();
        assertThat(refusal(CUSTOMER, null, T0.plus(Duration.ofHours(24)))).isEmpty();
    }

    @Test
    void atMostTheCapPerRecipientInAny24Hours() {
        for (int i = 0; i < 5; i++) {
            assertThat(answer(CUSTOMER, "T" + i, T0.plus(Duration.ofHours(i)))).as("answer %d", i).isTrue();
        }

        Optional<Reason> refusal = refusal(CUSTOMER, "T5", T0.plus(Duration.ofHours(5)));
        assertThat(refusal).map(Reason::rule).contains("rate-limit:daily-cap");
        assertThat(refusal).map(Reason::value).hasValueSatisfying(value -> assertThat(value)
                .contains(CUSTOMER, "5 answers", "cap is 5"));
        assertThat(refusal(CUSTOMER, null, T0.plus(Duration.ofHours(5)))).map(Reason::rule)
                .contains("rate-limit:daily-cap");
        assertThat(refusal("other@example.net", "T5", T0.plus(Duration.ofHours(5)))).isEmpty();
    }

    @Test
    void theCapSlides() {
        for (int i = 0; i < 5; i++) {
            assertThat(answer(CUSTOMER, "T" + i, T0.plus(Duration.ofHours(i)))).isTrue();
        }

        assertThat(refusal(CUSTOMER, "T5", T0.plus(Duration.ofHours(24)).minusMillis(1))).map(Reason::rule)
                .contains("rate-limit:daily-cap");
        assertThat(answer(CUSTOMER, "T5", T0.plus(Duration.ofHours(24)))).isTrue();
        assertThat(refusal(CUSTOMER, "T6", T0.plus(Duration.ofHours(24)))).map(Reason::rule)
                .contains("rate-limit:daily-cap");
        assertThat(refusal(CUSTOMER, "T6", T0.plus(Duration.ofHours(25)))).isEmpty();
    }

    @Test
    void theCapIsAConstructorArgument() {
        AnswerRateLimiter two = limiter(Duration.ofHours(24), 2);
        assertThat(answer(two, CUSTOMER, "T1", T0)).isTrue();
        assertThat(answer(two, CUSTOMER, "T2", T0)).isTrue();

        assertThat(refusal(two, CUSTOMER, "T3", T0)).map(Reason::rule).contains("rate-limit:daily-cap");
    }

    @Test
    void aFloodToOneDomainIsCappedExactlyAtTheDomainCapAcrossMailboxes() {
        AnswerRateLimiter support = new AnswerRateLimiter("support", Duration.ofHours(24), 5, 7, 1000);
        AnswerRateLimiter billing = new AnswerRateLimiter("billing", Duration.ofHours(24), 5, 7, 1000);
        // tags and case do not make a new recipient, let alone a new domain
        int answered = answered(40, i -> i % 2 == 0 ? support : billing,
                i -> (i % 3 == 0 ? "Victim" + i + "+x" : "victim" + i) + "@Flood.TEST", i -> T0.plusSeconds(i * 7L));

        assertThat(answered).isEqualTo(7);
        Optional<Reason> refusal = refusal(support, "late@flood.test", "T99", T0.plus(Duration.ofMinutes(59)));
        assertThat(refusal).map(Reason::rule).contains(AnswerRateLimiter.DOMAIN_HOURLY_CAP);
        assertThat(refusal).map(Reason::value).hasValueSatisfying(value -> assertThat(value)
                .contains("flood.test got 7 answers", "cap is 7"));
        assertThat(refusal(support, "someone@other.test", "T99", T0.plus(Duration.ofMinutes(59)))).isEmpty();
    }

    @Test
    void aFloodFromOneMailboxIsCappedExactlyAtTheMailboxCap() {
        AnswerRateLimiter support = new AnswerRateLimiter("support", Duration.ofHours(24), 5, 1000, 4);
        AnswerRateLimiter billing = new AnswerRateLimiter("billing", Duration.ofHours(24), 5, 1000, 4);
        int answered = answered(30, i -> support, i -> "sender@domain" + i + ".test", i -> T0.plusSeconds(i * 100L));

        assertThat(answered).isEqualTo(4);
        assertThat(refusal(support, "new@fresh.test", "T1", T0.plusSeconds(30 * 100L))).map(Reason::value)
                .hasValueSatisfying(value -> assertThat(value).contains("mailbox support sent 4 answers"));
        assertThat(refusal(billing, "new@fresh.test", "T1", T0.plusSeconds(30 * 100L))).isEmpty();
    }

    /** The answers of one minute stop counting one by one, each the instant it is an hour old. */
    @Test
    void theHourlyCapsSlideToTheMillisecondWithinAMinute() {
        AnswerRateLimiter threePerDomain = new AnswerRateLimiter("support", Duration.ofHours(24), 5, 3, 3);
        Instant first = T0.plusSeconds(61).plusMillis(250);
        assertThat(answer(threePerDomain, "a@slide.test", "T1", first)).isTrue();
        assertThat(answer(threePerDomain, "b@slide.test", "T1", first.plusSeconds(30))).isTrue();
        assertThat(answer(threePerDomain, "c@slide.test", "T1", first.plusSeconds(90))).isTrue();
        Instant anHourLater = first.plus(Duration.ofHours(1));

        assertThat(refusal(threePerDomain, "d@slide.test", "T1", anHourLater.minusMillis(1))).map(Reason::rule)
                .contains(AnswerRateLimiter.DOMAIN_HOURLY_CAP);
        assertThat(refusal(threePerDomain, "d@slide.test", "T1", anHourLater)).isEmpty();
        assertThat(answer(threePerDomain, "d@slide.test", "T1", anHourLater)).isTrue();
        assertThat(refusal(threePerDomain, "e@slide.test", "T1", anHourLater.plusSeconds(30).minusMillis(1)))
                .map(Reason::rule).contains(AnswerRateLimiter.DOMAIN_HOURLY_CAP);
        assertThat(answer(threePerDomain, "e@slide.test", "T1", anHourLater.plusSeconds(30))).isTrue();
        assertThat(refusal(threePerDomain, "f@slide.test", "T1", anHourLater.plusSeconds(89))).map(Reason::rule)
                .contains(AnswerRateLimiter.DOMAIN_HOURLY_CAP);
        assertThat(refusal(threePerDomain, "f@slide.test", "T1", anHourLater.plusSeconds(90))).isEmpty();
    }

    @Test
    void anAnswerRolledBackDoesNotCountAgainstTheHourlyCaps() {
        AnswerRateLimiter onePerDomain = new AnswerRateLimiter("support", Duration.ofHours(24), 5, 1, 1000);
        assertThatThrownBy(() -> store.inTransaction(c -> {
            onePerDomain.refusal(c, "a@rolled.test", "T1", T0);
            onePerDomain.record(c, "a@rolled.test", "T1", "inbound-rolled-back-cap", T0);
            throw new IllegalStateException("the batch failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(answer(onePerDomain, "b@rolled.test", "T1", T0.plusSeconds(1))).isTrue();
        assertThat(refusal(onePerDomain, "c@rolled.test", "T1", T0.plusSeconds(2))).map(Reason::rule)
                .contains(AnswerRateLimiter.DOMAIN_HOURLY_CAP);
    }

    @Test
    void theWindowIsCheckedBeforeTheCap() {
        for (int i = 0; i < 5; i++) {
            assertThat(answer(CUSTOMER, "T" + i, T0)).isTrue();
        }

        assertThat(refusal(CUSTOMER, "T0", T0)).map(Reason::rule).contains("rate-limit:ticket-window");
    }

    @Test
    void recipientsCompareInAnyCaseAndAreStoredInLowerCase() throws Exception {
        assertThat(answer("Customer@Example.NET", "T1", T0)).isTrue();

        assertThat(refusal("customer@example.net", "T1", T0)).isPresent();
        assertThat(refusal(" CUSTOMER@EXAMPLE.NET ", "T1", T0)).isPresent();
        assertThat(recipientsInLog()).containsExactly("customer@example.net");
    }

    @Test
    void ticketIdsCompareExactly() {
        assertThat(answer(CUSTOMER, "abc", T0)).isTrue();

        assertThat(refusal(CUSTOMER, "ABC", T0)).isEmpty();
    }

    @Test
    void anInboundMessageIsAnsweredOnce() {
        store.inTransaction(c -> {
            limiter.record(c, CUSTOMER, "T1", "mailbox-1/42/7", T0);
            return null;
        });

        assertThatThrownBy(() -> store.inTransaction(c -> {
            limiter.record(c, "other@example.net", "T2", "mailbox-1/42/7", T0);
            return null;
        })).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isUniqueViolation()).isTrue());
    }

    @Test
    void anAnswerRolledBackDoesNotCount() {
        assertThatThrownBy(() -> store.inTransaction(c -> {
            assertThat(limiter.refusal(c, CUSTOMER, "T1", T0)).isEmpty();
            limiter.record(c, CUSTOMER, "T1", "inbound-rolled-back", T0);
            throw new IllegalStateException("SMTP queue write failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(refusal(CUSTOMER, "T1", T0)).isEmpty();
    }

    @Test
    void checksOnlyInsideATransaction() throws Exception {
        try (Connection connection = store.dataSource().getConnection()) {
            assertThat(connection.getAutoCommit()).isTrue();
            assertThatThrownBy(() -> limiter.refusal(connection, CUSTOMER, "T1", T0))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("auto-commit");
            assertThatThrownBy(() -> limiter.record(connection, CUSTOMER, "T1", "k", T0))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void rejectsValuesTheColumnsCannotHold() {
        assertThatThrownBy(() -> store.inTransaction(c -> limiter.refusal(c, " ", "T1", T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.inTransaction(c -> limiter.refusal(c, CUSTOMER, "T".repeat(65), T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.inTransaction(c -> {
            limiter.record(c, CUSTOMER, "T1", "", T0);
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(Duration.ZERO, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(Duration.ofHours(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerRateLimiter("support", Duration.ofHours(1), 5, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerRateLimiter("support", Duration.ofHours(1), 5, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConcurrentDecisionForANewRecipientWaitsAndSeesTheFirstAnswer() throws Exception {
        assertConcurrentDecisionsAnswerOnce();
    }

    @Test
    void aConcurrentDecisionForAKnownRecipientWaitsAndSeesTheFirstAnswer() throws Exception {
        assertThat(answer(CUSTOMER, "T0", T0.minus(Duration.ofDays(3)))).isTrue();

        assertConcurrentDecisionsAnswerOnce();
    }

    /**
     * A batch of one mailbox answers b@ then a@ (one domain) while another mailbox answers a@ alone. Locking
     * answer by answer, the batch would hold the domain and wait for a@, which the other holds while it waits
     * for the domain: a deadlock. Locked ahead in one order, the other mailbox waits, then sees the answer.
     */
    @Test
    void aBatchLockedAheadAndASingleDecisionNeverWaitForEachOtherInACircle() throws Exception {
        AnswerRateLimiter otherMailbox = new AnswerRateLimiter("billing", Duration.ofHours(24), 5, 1000, 1000);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstDecided = new CountDownLatch(1);
            CountDownLatch batchMayGoOn = new CountDownLatch(1);
            Future<Integer> batch = threads.submit(() -> store.inTransaction(c -> {
                limiter.lockAhead(c, List.of("b@same.test", "a@same.test"));
                int answered = 0;
                for (String recipient : List.of("b@same.test", "a@same.test")) {
                    if (limiter.refusal(c, recipient, "T1", T0).isEmpty()) {
                        limiter.record(c, recipient, "T1", "support/" + recipient, T0);
                        answered++;
                    }
                    firstDecided.countDown();
                    awaitQuietly(batchMayGoOn);
                }
                return answered;
            }));
            assertThat(firstDecided.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Optional<Reason>> single = threads.submit(() -> store.inTransaction(c -> {
                Optional<Reason> refusal = otherMailbox.refusal(c, "a@same.test", "T1", T0.plusSeconds(1));
                if (refusal.isEmpty()) {
                    otherMailbox.record(c, "a@same.test", "T1", "billing/1", T0.plusSeconds(1));
                }
                return refusal;
            }));
            Thread.sleep(500);
            batchMayGoOn.countDown();

            assertThat(batch.get(20, TimeUnit.SECONDS)).as("answers of the batch").isEqualTo(2);
            assertThat(single.get(20, TimeUnit.SECONDS)).map(Reason::rule).contains("rate-limit:ticket-window");
        } finally {
            threads.shutdownNow();
        }
    }

    /** Locks taken ahead in one transaction spare only that transaction's checks: another still waits. */
    @Test
    void locksHeldByOneTransactionAreAskedForAgainByAnother() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch lockedAhead = new CountDownLatch(1);
            CountDownLatch firstMayCommit = new CountDownLatch(1);
            AtomicReference<HeldLocks> firstLocks = new AtomicReference<>();
            Future<Boolean> first = threads.submit(() -> store.inTransaction(c -> {
                firstLocks.set(limiter.lockAhead(c, List.of(CUSTOMER)));
                lockedAhead.countDown();
                awaitQuietly(firstMayCommit);
                boolean allowed = limiter.refusal(c, firstLocks.get(), CUSTOMER, "T1", T0).isEmpty();
                if (allowed) {
                    limiter.record(c, CUSTOMER, "T1", "mailbox-a/1", T0);
                }
                return allowed;
            }));
            assertThat(lockedAhead.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Optional<Reason>> second = threads.submit(() -> store.inTransaction(
                    c -> limiter.refusal(c, firstLocks.get(), CUSTOMER, "T1", T0.plusSeconds(1))));
            Thread.sleep(300);
            assertThat(second.isDone()).as("the second transaction waits for the first one's lock").isFalse();
            firstMayCommit.countDown();

            assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(20, TimeUnit.SECONDS)).map(Reason::rule).contains(AnswerRateLimiter.TICKET_WINDOW);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The same mail reached two mailboxes: two transactions decide about one recipient and ticket at
     * once. The second must wait for the first and then refuse.
     */
    private void assertConcurrentDecisionsAnswerOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstChecked = new CountDownLatch(1);
            CountDownLatch firstMayCommit = new CountDownLatch(1);
            Future<Boolean> first = threads.submit(() -> store.inTransaction(c -> {
                boolean allowed = limiter.refusal(c, CUSTOMER, "T1", T0).isEmpty();
                firstChecked.countDown();
                awaitQuietly(firstMayCommit);
                if (allowed) {
                    limiter.record(c, CUSTOMER, "T1", "mailbox-a/1", T0);
                }
                return allowed;
            }));
            assertThat(firstChecked.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Optional<Reason>> second = threads.submit(() -> store.inTransaction(c -> {
                Optional<Reason> refusal = limiter.refusal(c, CUSTOMER, "T1", T0.plusSeconds(1));
                if (refusal.isEmpty()) {
                    limiter.record(c, CUSTOMER, "T1", "mailbox-b/1", T0.plusSeconds(1));
                }
                return refusal;
            }));

            Thread.sleep(500);
            assertThat(second.isDone()).as("the second decision waits for the first transaction").isFalse();
            firstMayCommit.countDown();

            assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(20, TimeUnit.SECONDS)).map(Reason::rule).contains("rate-limit:ticket-window");
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> recipientsInLog() {
        return store.inTransaction(c -> {
            List<String> recipients = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT recipient FROM answer_log ORDER BY id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    recipients.add(rows.getString(1));
                }
            }
            return recipients;
        });
    }
}
