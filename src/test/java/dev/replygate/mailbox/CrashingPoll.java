package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig;
import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.address.MailAddress;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.Secret;
import dev.replygate.store.Store;
import dev.replygate.testsupport.StoreConfigs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One poll in a JVM of its own, for {@link CrashIT}, on an H2 file store that outlives it.
 * Arguments: {@code imap|pop3 PORT MODE JDBC-URL CRASH} where CRASH is {@code none},
 * {@code after-recording:<Message-ID>} (halt right after the sink's commit) or
 * {@code at-cursor-save} (halt when the cursor is saved, after the dispositions).
 */
public final class CrashingPoll {

    private CrashingPoll() {
    }

    public static void main(String[] args) {
        MailboxConfig.Protocol protocol = MailboxConfig.Protocol.valueOf(args[0].toUpperCase(Locale.ROOT));
        MailboxConfig config = new MailboxConfig("crash", protocol, TestMailServer.LOOPBACK, Integer.parseInt(args[1]),
                MailboxConfig.Security.NONE, TestMailServer.ADDRESS, Secret.of(TestMailServer.PASSWORD), "INBOX",
                Duration.ofMinutes(1), false, 100, false, MailboxConfig.NewMail.REDIRECT,
                List.of(new MailAddress(TestMailServer.ADDRESS, "")), new DispositionConfig(
                Mode.valueOf(args[2].toUpperCase(Locale.ROOT)), "replygate/Redirected", "replygate/Ignored",
                "replygate/Quarantine", "replygate-"));
        String crash = args[4];
        try (Store store = Store.open(StoreConfigs.h2(args[3]))) {
            store.inTransaction(connection -> connection.createStatement().execute(crash.equals("at-cursor-save")
                    ? "CREATE TRIGGER IF NOT EXISTS halt_on_cursor BEFORE INSERT, UPDATE ON mailbox_cursor"
                    + " FOR EACH ROW CALL \"" + HaltOnCursorSave.class.getName() + "\""
                    : "DROP TRIGGER IF EXISTS halt_on_cursor"));
            String haltAfter = crash.startsWith("after-recording:") ? crash.substring("after-recording:".length()) : "";
            // closed, so that no kept IMAP connection (and Angus's write-timeout thread with it) outlives main
            try (MailboxPoller poller = MailboxPoller.create(config, new StoreRecordingSink(store, haltAfter), store,
                    Clock.systemUTC())) {
                PollReport report = poller.poll();
                System.out.println("report: " + report.summary() + " failure=" + report.failure().orElse("none"));
            }
        }
    }
}
