package dev.replygate.ops;

import dev.replygate.config.DispositionConfig;
import dev.replygate.address.MailAddress;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.Secret;
import dev.replygate.metrics.Meters;
import dev.replygate.store.Store;
import dev.replygate.testsupport.MutableClock;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Each readiness check on its own: the store, the scheduler, a mailbox's last successful poll. */
class ReadinessTest {

    private static final Instant T0 = Instant.parse("2026-03-21T08:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final Meters meters = new Meters(clock);
    private final AtomicBoolean schedulerRunning = new AtomicBoolean(true);
    private Store store;
    private Readiness readiness;

    @BeforeEach
    void open() {
        store = Store.open(StoreConfigs.h2In(dir));
        readiness = new Readiness(store, schedulerRunning::get, List.of(mailbox("support"), mailbox("sales")),
                meters, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static MailboxConfig mailbox(String name) {
        return new MailboxConfig(name, MailboxConfig.Protocol.IMAP, "127.0.0.1", 143, MailboxConfig.Security.NONE,
                name, Secret.of("x"), "INBOX", Duration.ofMinutes(1), false, 100, false,
                MailboxConfig.NewMail.REDIRECT, List.of(new MailAddress(name + "@example.org", "")),
                new DispositionConfig(DispositionConfig.Mode.MOVE, "a", "b", "c", "d-"));
    }

    @Test
    void readyAtTheStartAndWhileEveryMailboxIsPolled() {
        assertThat(readiness.failures()).isEmpty();

        for (int minute = 0; minute < 10; minute++) {
            clock.advance(Duration.ofMinutes(1));
            meters.pollFinished("support", Duration.ofMillis(20), Optional.empty());
            meters.pollFinished("sales", Duration.ofMillis(20), Optional.empty());
        }

        assertThat(readiness.failures()).isEmpty();
    }

    @Test
    void aMailboxWithoutASuccessfulPollFor3IntervalsIsNamedWithItsLastError() {
        meters.pollFinished("support", Duration.ofMillis(20), Optional.empty());
        meters.pollFinished("sales", Duration.ofMillis(20), Optional.empty());
        clock.advance(Duration.ofSeconds(150));
        meters.pollFinished("support", Duration.ofMillis(20), Optional.empty());
        meters.pollFinished("sales", Duration.ofMillis(20), Optional.of("connection refused"));
        assertThat(readiness.failures()).as("2m30s: within 3 x 1m").isEmpty();

        clock.advance(Duration.ofSeconds(31));

        assertThat(readiness.failures()).containsExactly("mailbox sales: last polled successfully 181s ago, more"
                + " than 3 x poll-interval (1m); last error: connection refused");
    }

    @Test
    void aMailboxNeverPolledSuccessfullyCountsFromTheStart() {
        meters.pollFinished("support", Duration.ofMillis(20), Optional.empty());
        clock.advance(Duration.ofMinutes(4));
        meters.pollFinished("support", Duration.ofMillis(20), Optional.empty());

        assertThat(readiness.failures()).singleElement().asString()
                .startsWith("mailbox sales: not polled successfully since the start 4m ago");
    }

    @Test
    void aStoppedSchedulerAndAnUnreachableStoreAreNamed() {
        schedulerRunning.set(false);
        store.close();

        assertThat(readiness.failures()).containsExactly("store: not reachable (the log says why)",
                "scheduler: not running");
    }
}
