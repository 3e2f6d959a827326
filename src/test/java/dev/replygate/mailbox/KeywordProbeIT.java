package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.config.MailboxConfig;
import dev.replygate.mailbox.ScriptedImapServer.StubMessage;
import dev.replygate.probe.ProbeFailure;
import dev.replygate.probe.ProbeReport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mailbox test} of a keyword-mode mailbox against a scripted server: the server's PERMANENTFLAGS on a
 * read-write SELECT decide, a server that keeps no keywords of ours or lets the login only read the folder
 * fails the check with the keyword fix and its own exit code, and the folder is closed without expunging
 * (never CLOSE while open read-write), no message touched.
 */
class KeywordProbeIT {

    private static final List<String> READING_ONLY = List.of("CAPABILITY", "LOGIN", "LIST", "EXAMINE", "SELECT", "FETCH",
            "UID FETCH", "NOOP", "CLOSE", "UNSELECT", "LOGOUT");

    private final List<StubMessage> messages = List.of(stub(1));

    @Test
    void aServerThatKeepsKeywordsPassesAndTheFolderIsClosedWithoutExpunging() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            server.selectReadWriteKeeping("\\Seen \\Deleted \\*");

            ProbeReport report = MailboxProbe.test(keywordMode(server));

            assertThat(report.failure()).as(report.findings().toString()).isEmpty();
            assertThat(report.findings()).anySatisfy(finding -> assertThat(finding.text())
                    .isEqualTo("keywords replygate-… can be set on INBOX (selected read-write to ask, closed"
                            + " without expunging)"));
            assertReadOnly(server.commands(), true);
        }
    }

    @Test
    void aServerThatKeepsNoKeywordsOfOursFailsWithTheKeywordFix() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            server.selectReadWriteKeeping("\\Seen \\Deleted");

            ProbeReport report = MailboxProbe.test(keywordMode(server));

            assertThat(report.failure()).hasValueSatisfying(failure -> {
                assertThat(failure.kind()).isEqualTo(ProbeFailure.KEYWORDS_REFUSED);
                assertThat(failure.diagnosis()).isEqualTo("the server keeps no keywords of our own on INBOX"
                        + " (PERMANENTFLAGS on a read-write SELECT: (\\Deleted \\Seen)), so disposition.mode keyword"
                        + " cannot mark messages");
            });
            assertThat(report.exitCode()).isEqualTo(21);
            assertThat(ProbeFailure.KEYWORDS_REFUSED.fix()).startsWith("use `disposition.mode: move`");
            assertReadOnly(server.commands(), true);
        }
    }

    @Test
    void aFolderTheLoginMayOnlyReadFailsWithTheKeywordFix() throws Exception {
        // without selectReadWriteKeeping, SELECT is answered [READ-ONLY]
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            ProbeReport report = MailboxProbe.test(keywordMode(server));

            assertThat(report.failure()).hasValueSatisfying(failure -> {
                assertThat(failure.kind()).isEqualTo(ProbeFailure.KEYWORDS_REFUSED);
                assertThat(failure.diagnosis()).isEqualTo("the server opens INBOX read-only for support (it refused"
                        + " a read-write SELECT), so disposition.mode keyword cannot mark messages");
            });
            assertReadOnly(server.commands(), false);
        }
    }

    private static MailboxConfig keywordMode(ScriptedImapServer server) {
        return TestMailboxes.withMode(TestMailboxes.imap(server.port(), "support", "secret"), Mode.KEYWORD);
    }

    /**
     * Nothing but reading commands, and no CLOSE while the folder is open read-write (a CLOSE there expunges):
     * {@code selectReadWrite} tells whether the server answered SELECT read-write.
     */
    private static void assertReadOnly(List<String> commands, boolean selectReadWrite) {
        assertThat(commands).as("commands").contains("SELECT").isSubsetOf(READING_ONLY);
        boolean readWrite = false;
        for (String command : commands) {
            if (command.equals("SELECT") || command.equals("EXAMINE")) {
                readWrite = command.equals("SELECT") && selectReadWrite;
            } else if (command.equals("CLOSE")) {
                assertThat(readWrite).as("a CLOSE of a folder open read-write, in %s", commands).isFalse();
            }
        }
    }

    private static StubMessage stub(long uid) {
        byte[] bytes = TestMessages.message((int) uid, "Hello").getBytes(StandardCharsets.US_ASCII);
        return new StubMessage(uid, bytes, bytes.length);
    }
}
