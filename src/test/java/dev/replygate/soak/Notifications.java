package dev.replygate.soak;

import dev.replygate.cli.ReplygateJar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's side of the soak: a {@code notify} started beside the daemon, which may be killed while
 * the command runs; a command that failed is run again with the same idempotency key, as a portal does.
 */
final class Notifications {

    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);

    private final Path folder;
    private final Path config;
    private final List<String> messageIds = new ArrayList<>();
    private int retried;

    Notifications(Path folder, Path config) {
        this.folder = folder;
        this.config = config;
    }

    ReplygateJar.Daemon start(int round) {
        return ReplygateJar.start(folder, arguments(round));
    }

    /** Waits for the command of {@code round}; runs it again when it failed. */
    void finish(int round, ReplygateJar.Daemon command) throws InterruptedException {
        ReplygateJar.Result result = command.await(COMMAND_LIMIT);
        if (result.exitCode() != 0) {
            retried++;
            result = ReplygateJar.run(folder, arguments(round));
            assertThat(result.exitCode()).as("notify of round %d, run again: %s", round, result.describe()).isZero();
        }
        messageIds.add("<" + result.messageId() + ">");
    }

    /** The Message-IDs of the notifications queued, with angle brackets. */
    List<String> messageIds() {
        return messageIds;
    }

    /** How many commands failed (their store connection was cut by the kill) and were run again. */
    int retried() {
        return retried;
    }

    private String[] arguments(int round) {
        return new String[] {"notify", "--config", config.toString(), "--ticket", Integer.toString(500_000 + round),
            "--event", "opened", "--to", "portal" + round + "@p" + (round % 5) + ".customer.test",
            "--locale", round % 3 == 0 ? "fa" : "en", "--var", "subject=Soak " + round,
            "--idempotency-key", "soak-" + round};
    }
}
