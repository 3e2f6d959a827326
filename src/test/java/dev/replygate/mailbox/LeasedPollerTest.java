package dev.replygate.mailbox;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.logging.LogContext;
import dev.replygate.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What a leased run logs: about its mailbox, named once by the log context, never again in the words. */
class LeasedPollerTest {

    /** Another machine's holder: only its lease tells whether it still reads. */
    private static final String OTHER = "node-b.example/4343/-/bbbbbbbb";

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(LeasedPoller.class),
            (Logger) LoggerFactory.getLogger(MailboxLeases.class));
    private Store store;
    private MailboxLeases leases;

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig("jdbc:h2:mem:leased_" + UUID.randomUUID().toString().replace("-", ""),
                "sa", Secret.empty(), 2));
        leases = new MailboxLeases(store, Clock.systemUTC(), Duration.ofMinutes(2));
        lines.start();
        loggers.forEach(logger -> logger.addAppender(lines));
    }

    @AfterEach
    void close() {
        loggers.forEach(logger -> logger.detachAppender(lines));
        store.close();
    }

    private LeasedPoller leased(String mailbox) {
        return new LeasedPoller(new MailboxPoller() {
            @Override
            public String mailbox() {
                return mailbox;
            }

            @Override
            public PollReport poll(BooleanSupplier giveWay) {
                throw new AssertionError("read while another process holds the lease");
            }
        }, leases);
    }

    @Test
    void aRunSkippedForAnotherReaderSaysSoAboutItsMailboxInTheContextAlone() {
        leases.take("support", OTHER);

        PollReport report = leased("support").poll();

        assertThat(report.failed()).isFalse();
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getMDCPropertyMap()).containsEntry(LogContext.MAILBOX, "support");
            assertThat(line.getFormattedMessage()).startsWith("skipped: another process reads the mailbox now ("
                    + OTHER).doesNotContain("support");
        });
    }

    @Test
    void theLeaseRenewalEndsWithoutAnInterruptThatWouldCloseTheStoresFile(@TempDir Path folder) {
        // H2 closes its file channel for every connection when a thread is interrupted inside a file read or
        // write; a renewal that is interrupted at the end of a run can land there
        Store file = Store.open(new StoreConfig("jdbc:h2:file:" + folder.resolve("store"), "sa", Secret.empty(), 2));
        try {
            MailboxLeases quick = new MailboxLeases(file, Clock.systemUTC(), Duration.ofMillis(3));
            for (int run = 0; run < 60; run++) {
                new LeasedPoller(new MailboxPoller() {
                    @Override
                    public String mailbox() {
                        return "support";
                    }

                    @Override
                    public PollReport poll(BooleanSupplier giveWay) {
                        sleep(Duration.ofMillis(40));
                        return new PollReport("support", 0, 0, 0, 0, 0, Duration.ZERO, Optional.empty());
                    }
                }, quick).poll();
                assertThat(quick.take("other-" + run, OTHER)).as("the store still writes after run %d", run)
                        .isEmpty();
            }
        } finally {
            file.close();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
