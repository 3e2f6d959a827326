package dev.replygate.metrics;

import dev.replygate.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What the stages report becomes the Prometheus names README documents. */
class MetersTest {

    private static final Instant T0 = Instant.parse("2026-03-21T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final Meters meters = new Meters(clock);

    @Test
    void pollsAreTimedAndTheLastSuccessAndErrorKept() {
        meters.pollFinished("support", Duration.ofMillis(40), Optional.empty());
        clock.advance(Duration.ofMinutes(1));
        meters.pollFinished("support", Duration.ofMillis(10), Optional.of("connection refused"));

        assertThat(meters.polls("support")).isEqualTo(new MailboxPolls(Optional.of(T0),
                Optional.of(T0.plusSeconds(60)), Optional.of("connection refused")));
        assertThat(meters.polls("sales")).isEqualTo(MailboxPolls.NONE);
        assertThat(meters.scrape()).contains(
                "replygate_poll_seconds_count{mailbox=\"support\",outcome=\"ok\"} 1",
                "replygate_poll_seconds_count{mailbox=\"support\",outcome=\"failed\"} 1",
                "replygate_mailbox_last_success_timestamp_seconds{mailbox=\"support\"} 1.77408E9");
    }

    @Test
    void idleIsOneWhileIdling() {
        AtomicBoolean idling = new AtomicBoolean(true);
        meters.idleConnected("support", idling::get);
        assertThat(meters.scrape()).contains("replygate_idle_connected{mailbox=\"support\"} 1");

        idling.set(false);

        assertThat(meters.scrape()).contains("replygate_idle_connected{mailbox=\"support\"} 0");
    }

    @Test
    void afterAReloadTheGaugeShowsTheMailboxsNewWatcher() {
        meters.idleConnected("support", () -> false);
        // the reload's new watcher for the same mailbox, under the same gauge
        meters.idleConnected("support", () -> true);

        assertThat(meters.scrape()).contains("replygate_idle_connected{mailbox=\"support\"} 1");
        assertThat(meters.idling("support")).contains(true);
    }

    @Test
    void aWatcherGoneTakesItsGaugeAlongButNotANewerWatchersOne() {
        BooleanSupplier first = () -> true;
        meters.idleConnected("support", first);
        meters.idleConnected("sales", () -> true);

        meters.idleGone("support", first);

        assertThat(meters.scrape()).doesNotContain("replygate_idle_connected{mailbox=\"support\"}")
                .contains("replygate_idle_connected{mailbox=\"sales\"} 1");
        assertThat(meters.idling("support")).isEmpty();

        BooleanSupplier second = () -> true;
        meters.idleConnected("support", second);
        meters.idleConnected("support", () -> false); // a reload's newer watcher
        meters.idleGone("support", second);

        assertThat(meters.scrape()).contains("replygate_idle_connected{mailbox=\"support\"} 0");
        assertThat(meters.idling("support")).contains(false);
    }

    @Test
    void anUnreadableOutboxShowsAsNaNNotAsEmpty() {
        meters.outbox(Map.of("queued", 3L, "failed", 1L), Optional.of(Duration.ofSeconds(90)));
        assertThat(meters.scrape()).contains("replygate_outbox_depth{state=\"queued\"} 3",
                "replygate_outbox_oldest_age_seconds 90");

        meters.outbox(Map.of(), Optional.empty());

        assertThat(meters.scrape()).contains("replygate_outbox_depth{state=\"queued\"} NaN",
                "replygate_outbox_oldest_age_seconds NaN");
    }

    @Test
    void countersCarryTheirLabels() {
        meters.messageRecorded("support", "reply", "redirect");
        meters.answerHeldBack("support", "rate-limit:sender-daily");
        meters.delivered("notification", "deferred");
        meters.notificationBounced(true);

        assertThat(meters.scrape()).contains(
                "replygate_messages_total{action=\"redirect\",class=\"reply\",mailbox=\"support\"} 1",
                "replygate_answers_held_back_total{mailbox=\"support\",reason=\"rate-limit:sender-daily\"} 1",
                "replygate_deliveries_total{kind=\"notification\",outcome=\"deferred\"} 1",
                "replygate_notifications_bounced_total{severity=\"hard\"} 1");
    }
}
