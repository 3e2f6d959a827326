package dev.replygate.mailbox;

import dev.replygate.store.Store;
import dev.replygate.testsupport.JavaProcess;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.replygate.mailbox.TestMessages.message;
import static dev.replygate.mailbox.TestMessages.messageId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM stops between the mailbox layer's steps (after the sink's commit, after the
 * dispositions): the next run, in a new JVM, loses nothing and has no effect twice.
 */
class CrashIT {

    @TempDir
    Path workDir;
    private TestMailServer server;
    private String jdbcUrl;

    @BeforeEach
    void start() {
        server = new TestMailServer();
        jdbcUrl = StoreConfigs.jdbcH2File(workDir.resolve("store"));
        for (int n = 1; n <= 3; n++) {
            server.deliver(message(n, "Re: ticket " + n));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JavaProcess.Result run(String protocol, String mode, String crash) {
        int port = protocol.equals("imap") ? server.imapPort() : server.pop3Port();
        return JavaProcess.run(CrashingPoll.class, workDir, Duration.ofMinutes(2), protocol, Integer.toString(port),
                mode, jdbcUrl, crash);
    }

    @Test
    void imapStoppedAfterTheSinksCommitBeforeTheMove() throws Exception {
        JavaProcess.Result crashed = run("imap", "move", "after-recording:" + messageId(2));

        assertThat(crashed.exitCode()).as(crashed.output()).isEqualTo(StoreRecordingSink.HALT_STATUS);
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(1), messageId(2), messageId(3));

        JavaProcess.Result next = run("imap", "move", "none");

        assertThat(next.output()).contains("found 3, processed 3").contains("failure=none");
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(server.messageIds("replygate.Redirected")).containsExactly(messageId(1), messageId(2),
                messageId(3));
        assertThat(effects()).containsExactly(messageId(1), messageId(2), messageId(3));
    }

    @Test
    void imapStoppedAfterTheMoveBeforeTheCursor() throws Exception {
        JavaProcess.Result crashed = run("imap", "move", "at-cursor-save");

        assertThat(crashed.exitCode()).as(crashed.output()).isEqualTo(HaltOnCursorSave.HALT_STATUS);
        assertThat(server.messageIds("replygate.Redirected")).hasSize(3);

        JavaProcess.Result next = run("imap", "move", "none");

        assertThat(next.output()).contains("found 0, processed 0").contains("failure=none");
        assertThat(effects()).containsExactly(messageId(1), messageId(2), messageId(3));
    }

    @Test
    void imapKeywordModeStoppedAfterTheKeywordsBeforeTheCursor() throws Exception {
        JavaProcess.Result crashed = run("imap", "keyword", "at-cursor-save");

        assertThat(crashed.exitCode()).as(crashed.output()).isEqualTo(HaltOnCursorSave.HALT_STATUS);

        JavaProcess.Result next = run("imap", "keyword", "none");

        assertThat(next.output()).as("the keywords say they are done").contains("found 0, processed 0");
        assertThat(server.messageIds("INBOX")).hasSize(3);
        assertThat(server.flags("INBOX", messageId(3))).contains("replygate-redirected");
        assertThat(effects()).containsExactly(messageId(1), messageId(2), messageId(3));
    }

    @Test
    void pop3StoppedAfterTheSinksCommitBeforeQuit() throws Exception {
        JavaProcess.Result crashed = run("pop3", "delete", "after-recording:" + messageId(2));

        assertThat(crashed.exitCode()).as(crashed.output()).isEqualTo(StoreRecordingSink.HALT_STATUS);
        assertThat(server.messageIds("INBOX")).as("no QUIT, so nothing deleted").hasSize(3);

        JavaProcess.Result next = run("pop3", "delete", "none");

        assertThat(next.output()).contains("found 3, processed 3").contains("failure=none");
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(effects()).containsExactly(messageId(1), messageId(2), messageId(3));
    }

    private List<String> effects() {
        try (Store store = Store.open(StoreConfigs.h2(jdbcUrl))) {
            return store.inTransaction(connection -> {
                List<String> ids = new ArrayList<>();
                try (var rows = connection.createStatement()
                        .executeQuery("SELECT message_id FROM test_effect ORDER BY message_id")) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            });
        }
    }
}
