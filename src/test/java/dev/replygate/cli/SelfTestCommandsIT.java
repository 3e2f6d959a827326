package dev.replygate.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mailbox test} and {@code smtp test} against GreenMail (logins checked): each failure an admin
 * meets first has its own one-line diagnosis, fix and exit code, and a passing test changes nothing.
 */
class SelfTestCommandsIT {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String PASSWORD = "right-password-of-the-mailbox";

    @TempDir
    static Path folder;
    static GreenMail greenMail;
    static Path config;

    @BeforeAll
    static void start() throws IOException {
        ServerSetup[] setups = {
            new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_IMAP).dynamicPort(),
            new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_IMAPS).dynamicPort(),
            new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_POP3).dynamicPort()};
        for (ServerSetup setup : setups) {
            // IMAPS makes its TLS context at start: slow on a busy machine
            setup.setServerStartupTimeout(60_000);
        }
        greenMail = new GreenMail(setups);
        greenMail.start();
        greenMail.setUser(TestConfigFile.FROM_ADDRESS, TestConfigFile.FROM_ADDRESS, PASSWORD);
        GreenMailUtil.sendTextEmail(TestConfigFile.FROM_ADDRESS, "customer@example.net", "hello", "a reply",
                greenMail.getSmtp().getServerSetup());
        greenMail.waitForIncomingEmail(5_000, 1);
        int imap = greenMail.getImap().getPort();
        config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        Files.writeString(config, "mailboxes:\n"
                + mailbox("support", imap, "none", PASSWORD, "")
                + mailbox("bad-password", imap, "none", "not-the-password", "")
                + mailbox("wrong-port", closedPort(), "none", PASSWORD, "")
                + mailbox("tls-to-plain", imap, "tls", PASSWORD, "")
                + mailbox("self-signed", greenMail.getImaps().getPort(), "tls", PASSWORD, "")
                + mailbox("no-folder", imap, "none", PASSWORD, "    folder: Archive/Missing\n")
                + mailbox("pop", greenMail.getPop3().getPort(), "none", PASSWORD, "    protocol: pop3\n")
                + mailbox("keyword", imap, "none", PASSWORD, "    disposition:\n      mode: keyword\n"),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
    }

    private static String mailbox(String name, int port, String security, String password, String more) {
        return TestConfigFile.mailboxItem(name, port, security, TestConfigFile.FROM_ADDRESS,
                "    password: " + password + "\n" + more);
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static InProcessCli.Run replygate(String... args) {
        return InProcessCli.run(args);
    }

    private static InProcessCli.Run mailboxTest(String name) {
        return replygate("mailbox", "test", name, "--config", config.toString());
    }

    @Test
    void aWorkingMailboxPassesEveryStepAndChangesNothing() throws Exception {
        InProcessCli.Run run = mailboxTest("support");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("ok   resolve       127.0.0.1 -> 127.0.0.1")
                .contains("ok   login         logged in as " + TestConfigFile.FROM_ADDRESS)
                .containsPattern("capabilities +IDLE (yes|no), MOVE (yes|no), UIDPLUS (yes|no), CONDSTORE (yes|no)")
                .contains("INBOX: 1 message(s), opened read-only")
                .contains("the server writes Return-Path on delivered mail (1 of 1)")
                .contains("replygate/Redirected: missing, created at the first move")
                .contains("result: ok");
        assertThat(greenMail.getUserManager().getUser(TestConfigFile.FROM_ADDRESS)).isNotNull();
        var inbox = greenMail.getManagers().getImapHostManager().getInbox(
                greenMail.getUserManager().getUser(TestConfigFile.FROM_ADDRESS));
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        assertThat(inbox.getMessages().get(0).getFlags().contains(jakarta.mail.Flags.Flag.SEEN)).isFalse();
        assertThat(greenMail.getManagers().getImapHostManager().listMailboxes(
                greenMail.getUserManager().getUser(TestConfigFile.FROM_ADDRESS), "*"))
                .extracting(Object::toString).noneMatch(name -> name.contains("replygate"));
    }

    @Test
    void aPop3MailboxShowsItsCapabilitiesAndCountWithoutDeleting() throws Exception {
        InProcessCli.Run run = mailboxTest("pop");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("mailbox pop (pop3 127.0.0.1:").containsPattern("capabilities +.*UIDL")
                .contains("INBOX: 1 message(s), opened read-only")
                .contains("the server writes Return-Path on delivered mail (1 of 1)")
                .contains("keep: nothing to check on the server");
        assertThat(greenMail.getManagers().getImapHostManager().getInbox(
                greenMail.getUserManager().getUser(TestConfigFile.FROM_ADDRESS)).getMessageCount()).isEqualTo(1);
    }

    @Test
    void aKeywordMailboxIsAskedWhetherItKeepsOurKeywordsAndKeepsItsMessageAsItWas() throws Exception {
        InProcessCli.Run run = mailboxTest("keyword");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("INBOX: 1 message(s), opened read-only")
                .contains("ok   disposition   keywords replygate-… can be set on INBOX (selected read-write to ask,"
                        + " closed without expunging)")
                .doesNotContain("replygate/Redirected")
                .contains("result: ok");
        var inbox = greenMail.getManagers().getImapHostManager().getInbox(
                greenMail.getUserManager().getUser(TestConfigFile.FROM_ADDRESS));
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        jakarta.mail.Flags flags = inbox.getMessages().get(0).getFlags();
        assertThat(flags.getUserFlags()).isEmpty();
        assertThat(flags.contains(jakarta.mail.Flags.Flag.SEEN)).isFalse();
        assertThat(flags.contains(jakarta.mail.Flags.Flag.DELETED)).isFalse();
    }

    @Test
    void aWrongPasswordIsALoginRefused() {
        InProcessCli.Run run = mailboxTest("bad-password");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(16);
        assertThat(run.out()).contains("FAIL login         login as " + TestConfigFile.FROM_ADDRESS + " refused by 127.0.0.1:")
                .contains("fix           check `username` and `password-file`")
                .doesNotContain("not-the-password");
    }

    @Test
    void aPortNothingListensOnIsARefusedConnection() {
        InProcessCli.Run run = mailboxTest("wrong-port");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(11);
        assertThat(run.out()).containsPattern("FAIL connect +connection to 127\\.0\\.0\\.1:\\d+ refused");
    }

    @Test
    void tlsToAPlainPortSaysThePortSpeaksPlainText() {
        InProcessCli.Run run = mailboxTest("tls-to-plain");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(13);
        assertThat(run.out()).contains("FAIL tls")
                .contains("the server answered in plain text, this port does not speak TLS")
                .contains("use `security: starttls` on a plain port");
    }

    @Test
    void aSelfSignedCertificateIsRefusedWithTheReason() {
        InProcessCli.Run run = mailboxTest("self-signed");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(14);
        assertThat(run.out()).contains("FAIL tls")
                .contains("is not signed by a CA this machine trusts (self-signed");
    }

    @Test
    void aMissingFolderIsNamedWithTheFoldersTheServerHas() {
        InProcessCli.Run run = mailboxTest("no-folder");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(18);
        assertThat(run.out()).contains("FAIL folder        folder Archive/Missing does not exist; the server has: INBOX");
    }

    @Test
    void allMailboxesAreTestedAndTheFirstFailureGivesTheExitCode() {
        InProcessCli.Run run = replygate("mailbox", "test", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(16);
        assertThat(run.out()).contains("mailbox support (imap").contains("mailbox no-folder (imap")
                .contains("result: ok");
    }

    @Test
    void anUnknownNameIsAUsageError() {
        InProcessCli.Run run = mailboxTest("nobody");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no mailbox is named nobody; configured: support, bad-password");
    }

    @Test
    void helpListsEveryExitCode() {
        InProcessCli.Run run = replygate("mailbox", "test", "--help");

        assertThat(run.out()).contains("10   dns").contains("11   refused").contains("13   tls handshake")
                .contains("14   certificate untrusted").contains("16   login refused").contains("17   token rejected")
                .contains("18   folder missing").contains("21   keywords refused").contains("78   configuration error");
    }

    @Test
    void smtpTestSendsOneMailWhenAsked() throws Exception {
        int before = greenMail.getReceivedMessages().length;

        InProcessCli.Run run = replygate("smtp", "test", "--send-to", "admin@example.net", "--config", config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("ok   connect +connected to 127\\.0\\.0\\.1:\\d+\n")
                .contains("ok   send          test mail to admin@example.net (envelope sender "
                        + TestConfigFile.FROM_ADDRESS + ") accepted: 250");
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(before + 1);
        assertThat(received[before].getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
    }

    @Test
    void smtpTestWithoutSendToSendsNothing() {
        int before = greenMail.getReceivedMessages().length;

        InProcessCli.Run run = replygate("smtp", "test", "--config", config.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("no test mail (--send-to ADDRESS sends one)");
        assertThat(greenMail.getReceivedMessages()).hasSize(before);
    }

    @Test
    void smtpTestRefusesAnAddressThatIsNotPlain() {
        InProcessCli.Run run = replygate("smtp", "test", "--send-to", "Admin <admin@example.net>", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--send-to:");
    }
}
