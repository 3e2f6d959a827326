package dev.replygate.mailbox;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.replygate.logging.LogContext;
import dev.replygate.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;

import static dev.replygate.mailbox.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first poll that examined messages says whether the server writes Return-Path: GreenMail's SMTP
 * delivery writes it, an IMAP APPEND (a migration, a script, a mail program's "save") does not.
 */
class ReturnPathReportIT {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ReturnPathReport.class);
    private TestMailServer server;
    private Store store;

    @BeforeEach
    void start() {
        lines.start();
        logger.addAppender(lines);
        server = new TestMailServer();
        store = TestStores.h2();
    }

    @AfterEach
    void stop() {
        logger.detachAppender(lines);
        store.close();
        server.close();
    }

    private MailboxPoller poller(boolean imap) {
        return MailboxPoller.create(imap ? TestMailboxes.imap(server) : TestMailboxes.pop3(server), new RecordingSink(),
                store, Clock.systemUTC());
    }

    private String said() {
        return String.join("\n", lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void mailDeliveredOverSmtpCarriesReturnPathAndItIsSaidOnce() throws Exception {
        MailboxPoller poller = poller(true);
        poller.poll();
        assertThat(lines.list).as("a poll that examined nothing says nothing").isEmpty();

        for (int n = 1; n <= 3; n++) {
            server.sendOverSmtp("customer" + n + "@customer.test", message(n, "Re: ticket"));
        }
        poller.poll();
        server.append("INBOX", message(4, "appended"));
        poller.poll();

        assertThat(lines.list).hasSize(1);
        assertThat(said()).isEqualTo("the server writes Return-Path on delivered mail (3 of 3)");
        assertThat(lines.list.get(0).getMDCPropertyMap()).as("the mailbox, named by the log context")
                .containsEntry(LogContext.MAILBOX, TestMailboxes.imap(server).name());
    }

    @Test
    void mailAppendedOverImapHasNoReturnPathAndTheAdminIsToldWhatThatMeans() throws Exception {
        server.append("INBOX", message(1, "Re: ticket"));
        server.append("INBOX", message(2, "Re: ticket"));

        poller(true).poll();

        assertThat(lines.list).hasSize(1);
        assertThat(said()).contains("the server does not write Return-Path on delivered mail (0 of 2)")
                .contains("replies carrying our signed token are answered");
    }

    @Test
    void aPop3MailboxIsToldToo() throws Exception {
        server.sendOverSmtp("customer@customer.test", message(1, "Re: ticket"));
        server.append("INBOX", message(2, "Re: ticket"));

        poller(false).poll();

        assertThat(said()).contains("some messages have no Return-Path (1 of 2)");
    }
}
