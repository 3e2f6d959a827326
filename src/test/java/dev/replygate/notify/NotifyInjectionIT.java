package dev.replygate.notify;

import dev.replygate.cli.ReplygateJar;
import dev.replygate.cli.TestConfigFile;
import dev.replygate.testsupport.LoopbackGreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2: what the portal sends through {@code notify} cannot break a mail (CR/LF, markup), a
 * missing variable never becomes a gap, an idempotency key queues once, and the notifications of
 * one ticket are threaded. Through the jar, delivered to GreenMail.
 */
class NotifyInjectionIT {

    private static final String HOSTILE_SUBJECT =
            "Refund\r\nBcc: victim@evil.test\r\nX-Injected: yes\n<script>alert('x')</script>\rend";

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtp();
    private Path config;

    @BeforeEach
    void start() {
        config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
    }

    private ReplygateJar.Result replygate(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return ReplygateJar.run(folder, all.toArray(String[]::new));
    }

    private static ReplygateJar.Result ok(ReplygateJar.Result result) {
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result;
    }

    private ReceivedMail received(String messageId) throws MessagingException {
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (("<" + messageId + ">").equals(message.getMessageID())) {
                return new ReceivedMail(message);
            }
        }
        throw new AssertionError("not received: <" + messageId + ">");
    }

    @Test
    void crLfAndMarkupInASubjectVariableYieldOneHeaderLineAndEscapedHtml() throws Exception {
        ReplygateJar.Result queued = ok(replygate("notify", "--ticket", "610001", "--event", "opened",
                "--to", "customer@customer.test", "--name", "Eve\r\nBcc: victim2@evil.test", "--locale", "en",
                "--var", "subject=" + HOSTILE_SUBJECT));
        ok(replygate("run", "--once"));
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();

        assertThat(greenMail.getReceivedMessages()).as("no copy to an injected Bcc").hasSize(1);
        ReceivedMail mail = received(queued.messageId());
        // the hostile display name stays a (quoted) display name of the one recipient
        assertThat(mail.message.getAllRecipients()).extracting(address -> ((InternetAddress) address).getAddress())
                .containsExactly("customer@customer.test");
        assertThat(((InternetAddress) mail.message.getAllRecipients()[0]).getPersonal())
                .isEqualTo("Eve Bcc: victim2@evil.test");

        assertThat(mail.rawHeaders("Subject")).hasSize(1);
        List<String> headerLines = mail.headerLines();
        assertThat(headerLines.stream().filter(line -> line.regionMatches(true, 0, "Subject:", 0, 8)))
                .hasSize(1);
        assertThat(headerLines).noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4))
                .noneMatch(line -> line.regionMatches(true, 0, "X-Injected:", 0, 11));
        assertThat(mail.rawHeaders("X-Injected")).isEmpty();
        String subject = mail.message.getSubject();
        assertThat(subject).doesNotContain("\r", "\n")
                .contains("610001", "Refund", "Bcc: victim@evil.test", "<script>alert('x')</script>", "end");
        String to = mail.rawHeader("To");
        assertThat(to.replaceAll("\r\n[ \t]", " ")).doesNotContain("\r", "\n");

        String html = mail.html();
        assertThat(html).contains("&lt;script&gt;").doesNotContain("<script>").doesNotContainIgnoringCase("<script");
    }

    @Test
    void aMissingRequiredVariableFailsAtQueueTimeNamingItAndQueuesNothing() {
        ReplygateJar.Result missing = replygate("notify", "--ticket", "610002", "--event", "opened",
                "--to", "customer@customer.test", "--locale", "fa", "--var", "department=Billing");

        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(2);
        assertThat(missing.stderr()).contains("subject");
        assertThat(missing.stdout()).doesNotContain("queued");

        ReplygateJar.Result list = ok(replygate("outbox", "list"));
        assertThat(list.stdout()).contains("0 item(s)").doesNotContain("610002");

        // blank counts as missing: never an empty line in a customer's mail
        ReplygateJar.Result blank = replygate("notify", "--ticket", "610002", "--event", "opened",
                "--to", "customer@customer.test", "--locale", "en", "--var", "subject=   ");
        assertThat(blank.exitCode()).as(blank.describe()).isEqualTo(2);
        assertThat(blank.stderr()).contains("subject");
        assertThat(ok(replygate("outbox", "list")).stdout()).contains("0 item(s)");
    }

    @Test
    void theSameIdempotencyKeyQueuesOnce() throws Exception {
        String[] request = {"notify", "--ticket", "610003", "--event", "opened", "--to", "customer@customer.test",
            "--var", "subject=Domain renewal", "--idempotency-key", "portal-610003-opened"};
        ReplygateJar.Result first = ok(replygate(request));
        ReplygateJar.Result second = ok(replygate(request));

        assertThat(first.stdout()).startsWith("queued outbox#");
        assertThat(second.stdout()).contains("already queued");
        assertThat(second.outboxId()).isEqualTo(first.outboxId());
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(ok(replygate("outbox", "list")).stdout()).contains("1 item(s)");

        ok(replygate("run", "--once"));
        ReplygateJar.Result third = ok(replygate(request));
        assertThat(third.stdout()).contains("already queued");
        ok(replygate("run", "--once"));

        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getMessageID()).isEqualTo("<" + first.messageId() + ">");
        assertThat(ok(replygate("outbox", "list")).stdout()).contains("1 item(s)");
    }

    @Test
    void theNotificationsOfOneTicketAreThreaded() throws Exception {
        ReplygateJar.Result opened = ok(replygate("notify", "--ticket", "610004", "--event", "opened",
                "--to", "customer@customer.test", "--var", "subject=Server slow"));
        ReplygateJar.Result answered = ok(replygate("notify", "--ticket", "610004", "--event", "answered",
                "--to", "customer@customer.test", "--var", "subject=Server slow", "--var", "operator=Mehdi"));
        ReplygateJar.Result otherTicket = ok(replygate("notify", "--ticket", "610005", "--event", "opened",
                "--to", "customer@customer.test", "--var", "subject=Another matter"));
        ok(replygate("run", "--once"));
        assertThat(greenMail.waitForIncomingEmail(10_000, 3)).isTrue();

        String firstId = "<" + opened.messageId() + ">";
        ReceivedMail first = received(opened.messageId());
        ReceivedMail second = received(answered.messageId());
        ReceivedMail other = received(otherTicket.messageId());

        assertThat(first.rawHeaders("In-Reply-To")).isEmpty();
        assertThat(second.rawHeader("In-Reply-To")).isEqualTo(firstId);
        assertThat(second.rawHeader("References").split("\\s+")).contains(firstId);
        assertThat(other.rawHeaders("In-Reply-To")).as("another ticket is another thread").isEmpty();
        assertThat(other.rawHeaders("References")).isEmpty();
    }
}
