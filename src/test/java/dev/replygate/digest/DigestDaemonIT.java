package dev.replygate.digest;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.cli.TestConfigFile;
import dev.replygate.testsupport.CustomerMail;
import dev.replygate.testsupport.LoopbackGreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled digest, end to end on GreenMail with the daemon out of process: after a notification
 * was sent, the customer's reply redirected, an out-of-office ignored and the notification hard-bounced,
 * the digest that the daemon's cron job sends reaches the operator's mailbox once, linking the ticket to
 * the staff view and listing the bounced address; a daemon restarted inside the next period (whose start
 * queues the last period's digest again) does not send it a second time.
 */
class DigestDaemonIT {

    private static final String SUPPORT = TestConfigFile.FROM_ADDRESS;
    private static final String OPERATOR = "ops@hosting.test";
    private static final String CUSTOMER = "customer@example.net";
    private static final String TICKET = "482913";
    private static final String STAFF_URL = "https://portal.hosting.test/admin/ticket.php?id=";
    private static final Duration LIMIT = Duration.ofSeconds(150);
    private static final Pattern DIGEST_LINE = Pattern.compile("digest ops for \\S+ to \\S+: [^\\n]*");

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();

    @Test
    void theScheduledDigestArrivesOnceWithTheStaffLinkAndTheBouncedAddressAcrossARestart() throws Exception {
        Path config = config();
        ReplygateJar.Result notify = ReplygateJar.run(folder, "notify", "--config", config.toString(),
                "--ticket", TICKET, "--event", "answered", "--to", CUSTOMER, "--name", "Sara Ahmadi",
                "--var", "subject=Website is down");
        assertThat(notify.exitCode()).as(notify.describe()).isZero();
        GreenMailUser support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        support.deliver(CustomerMail.replyTo(notify.messageId(), CUSTOMER, SUPPORT));
        support.deliver(CustomerMail.outOfOffice(SUPPORT));
        support.deliver(CustomerMail.hardBounce(notify.messageId(), CUSTOMER, SUPPORT, TICKET));

        String digest;
        try (ReplygateJar.Daemon first = ReplygateJar.start(folder, "run", "--config", config.toString())) {
            waitUntil(() -> !digestsWithTicket().isEmpty(), first);
            digest = digestsWithTicket().get(0);
            assertThat(first.terminate(LIMIT)).as(first.output()).isIn(0, 143);
        }
        assertThat(digest).contains("REPLIES REDIRECTED (1)", "ticket #" + TICKET, STAFF_URL + TICKET, CUSTOMER,
                "Automatic mail ignored: 2", "- class auto-reply: 1", "- class bounce: 1");
        assertThat(digest).containsPattern("Bounced for good \\(fix these addresses in the portal\\):\\n- [^\\n]*, ticket #"
                + TICKET + "\\n  " + Pattern.quote(CUSTOMER) + "\\n[^\\n]*\\n  5\\.1\\.1");

        try (ReplygateJar.Daemon second = ReplygateJar.start(folder, "run", "--config", config.toString())) {
            // its start queues the last period's digest again, which was sent; then its own firing runs
            waitUntil(() -> digestLines(second).size() >= 2, second);
            assertThat(digestLines(second).get(0)).as(second.output()).contains("queued before");
            Thread.sleep(3_000); // a delivery interval and more, for anything queued by mistake to arrive
            assertThat(second.terminate(LIMIT)).as(second.output()).isIn(0, 143);
        }
        assertThat(digestsWithTicket()).as("digests that list the ticket").hasSize(1);
        MimeMessage received = digestMails().get(0);
        assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(received.getMessageID()).endsWith("@" + TestConfigFile.DOMAIN + ">");
    }

    private Path config() throws Exception {
        Path config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        String yaml = Files.readString(config, StandardCharsets.UTF_8).replace("  client-area-url:",
                "  admin-ticket-url: " + STAFF_URL + "{ticket}\n  client-area-url:");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        TestConfigFile.appendSupportMailbox(config, greenMail.getImap().getPort(), """
                    poll-interval: 1s
                    idle: false
                """, """
                digests:
                  - name: ops
                    cron: "0/30 * * * * ?"
                    recipients: [%s]
                    empty-period: nothing
                """.formatted(OPERATOR));
        return config;
    }

    /** The text parts of the digests the operator received that list the ticket. */
    private List<String> digestsWithTicket() throws Exception {
        List<String> texts = new ArrayList<>();
        for (MimeMessage mail : digestMails()) {
            String text = textOf(mail);
            if (text.contains("REPLIES REDIRECTED (1)") && text.contains(STAFF_URL + TICKET)) {
                texts.add(text);
            }
        }
        return texts;
    }

    private List<MimeMessage> digestMails() throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage mail : greenMail.getReceivedMessages()) {
            if (mail.getRecipients(Message.RecipientType.TO) != null
                    && ((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getAddress().equals(OPERATOR)) {
                mails.add(mail);
            }
        }
        return mails;
    }

    private static String textOf(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return ((String) part.getContent()).replace("\r\n", "\n");
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = textOf(child);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static List<String> digestLines(ReplygateJar.Daemon daemon) {
        List<String> lines = new ArrayList<>();
        Matcher line = DIGEST_LINE.matcher(daemon.output());
        while (line.find()) {
            lines.add(line.group());
        }
        return lines;
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check check, ReplygateJar.Daemon daemon) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!check.holds()) {
            assertThat(daemon.isAlive()).as("the daemon runs\n%s", daemon.output()).isTrue();
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not reached within " + LIMIT + "\n" + daemon.output());
            }
            Thread.sleep(250);
        }
    }
}
