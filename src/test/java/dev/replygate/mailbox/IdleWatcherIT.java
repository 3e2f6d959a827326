package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.replygate.mailbox.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** IMAP IDLE on GreenMail: new mail wakes the callback; renewals and a lost server are survived; close ends it. */
class IdleWatcherIT {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private TestMailServer server;

    @BeforeEach
    void start() {
        server = new TestMailServer();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        server.close();
    }

    private IdleWatcher watcher(MailboxConfig config, Duration renewAfter) {
        IdleWatcher watcher = new IdleWatcher(config, wakeUps::incrementAndGet, renewAfter,
                new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500)));
        closing.add(watcher);
        watcher.start();
        return watcher;
    }

    @Test
    void newMailWakesTheCallback() {
        IdleWatcher watcher = watcher(TestMailboxes.imap(server), IdleWatcher.RENEW_AFTER);
        await().atMost(GENEROUS).until(watcher::isIdling);

        server.deliver(message(1, "Re: ticket"));

        await().atMost(GENEROUS).until(() -> wakeUps.get() >= 1);
    }

    @Test
    void newMailStillWakesTheCallbackAfterSeveralRenewals() {
        IdleWatcher watcher = watcher(TestMailboxes.imap(server), Duration.ofMillis(200));
        await().atMost(GENEROUS).until(() -> watcher.idlesStarted() >= 4 && watcher.isIdling());

        server.deliver(message(1, "Re: ticket"));

        await().atMost(GENEROUS).until(() -> wakeUps.get() >= 1);
        assertThat(watcher.isRunning()).isTrue();
    }

    @Test
    void aLostServerIsConnectedAgainAndTheCallbackCalledForWhatMayHaveArrived() {
        MailboxConfig config = TestMailboxes.imap(server);
        IdleWatcher watcher = watcher(config, IdleWatcher.RENEW_AFTER);
        await().atMost(GENEROUS).until(watcher::isIdling);

        server.close();
        await().atMost(GENEROUS).until(() -> !watcher.isIdling());
        server = new TestMailServer(config.port());

        await().atMost(GENEROUS).until(() -> wakeUps.get() >= 1 && watcher.isIdling());
        server.deliver(message(1, "Re: ticket"));
        await().atMost(GENEROUS).until(() -> wakeUps.get() >= 2);
    }

    @Test
    void closeEndsTheWatcher() {
        IdleWatcher watcher = watcher(TestMailboxes.imap(server), IdleWatcher.RENEW_AFTER);
        await().atMost(GENEROUS).until(watcher::isIdling);

        watcher.close();

        assertThat(watcher.isRunning()).isFalse();
        assertThat(watcher.isIdling()).isFalse();
    }

    @Test
    void closeEndsAWatcherThatIsWaitingToConnectAgain() {
        MailboxConfig config = TestMailboxes.imap(server);
        server.close();
        IdleWatcher watcher = new IdleWatcher(config, wakeUps::incrementAndGet, IdleWatcher.RENEW_AFTER,
                new ReconnectBackoff(Duration.ofMinutes(5), Duration.ofMinutes(5)));
        watcher.start();
        server = new TestMailServer();

        watcher.close();

        assertThat(watcher.isRunning()).isFalse();
    }

    @Test
    void onlyImapMailboxesCanBeWatched() {
        assertThatThrownBy(() -> new IdleWatcher(TestMailboxes.pop3(server), () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IMAP mailbox");
    }
}
