package dev.replygate.cli;

import dev.replygate.store.Store;
import dev.replygate.testsupport.LoopbackGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mailbox list} shows what the daemon's polls left in the store, read by another process: a
 * working mailbox, a failing one with its error, and one the configuration no longer has.
 */
class MailboxListIT {

    @TempDir
    Path folder;
    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();

    @BeforeEach
    void start() {
        Store.keepEmbeddedServerOnLoopback();
    }

    private static String run(int expectedExit, String... args) {
        InProcessCli.Run run = InProcessCli.run(args);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(expectedExit);
        return run.out() + run.err();
    }

    private static String mailbox(String name, int port) {
        return TestConfigFile.mailboxItem(name, port, "none", name + "@hosting.test", "    password: " + name + "\n");
    }

    @Test
    void listsEachMailboxsStateFromTheStore() throws IOException {
        Path config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        String base = Files.readString(config, StandardCharsets.UTF_8);
        int imap = greenMail.getImap().getPort();
        int closed = imap == 65535 ? imap - 1 : imap + 1;
        Files.writeString(config, base + "mailboxes:\n" + mailbox("support", imap) + mailbox("sales", closed)
                + mailbox("old", imap), StandardCharsets.UTF_8);
        run(1, "run", "--once", "--config", config.toString());
        Files.writeString(config, base + "mailboxes:\n" + mailbox("support", imap) + mailbox("sales", closed)
                + mailbox("never", imap), StandardCharsets.UTF_8);

        String out = run(0, "mailbox", "list", "--config", config.toString());

        assertThat(out).containsPattern("support +imap +127\\.0\\.0\\.1:\\d+ +ok +\\d{4}-\\d\\d-\\d\\d \\S+ +- +0/0/0 +"
                        + TestConfigFile.INSTANCE + "\n")
                .containsPattern("sales +imap +127\\.0\\.0\\.1:\\d+ +failing +- +\\d{4}-")
                .containsPattern("last error: .*cannot connect to 127\\.0\\.0\\.1:" + closed)
                .containsPattern("never +imap +127\\.0\\.0\\.1:\\d+ +never polled +- +- +0/0/0 +-\n")
                .containsPattern("old +- +- +not configured +\\d{4}-")
                .contains("3 mailbox(es) configured");
    }
}
