package dev.replygate.inbound;

import dev.replygate.cli.Main;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's loop acceptance: two replygate instances, A and B, each with its own configuration, store
 * and support mailbox on one mail server, whose answers go to each other's mailboxes, and a naive
 * out-of-office responder on B's mailbox that answers every message once, auto-replies included, at its
 * From. Each instance is provoked once by an authenticated new request from the other's address. Over
 * ten rounds of {@code run --once} of A, the responder, and {@code run --once} of B, each instance
 * answers exactly once, every other message is refused as automatic mail, and the number of mails stops
 * growing.
 */
class TwoInstancesLoopIT {

    private static final String A = "support@a.test";
    private static final String B = "support@b.test";
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void twoInstancesAndAnOutOfOfficeExchangeABoundedNumberOfMails() throws Exception {
        try (MailWorld mail = new MailWorld().addMailbox(A).addMailbox(B)) {
            InstanceConfig a = new InstanceConfig(dir.resolve("a"), mail).name("rg-a", "a.test").from(A)
                    .signingSecret("instance-a-secret-instance-a-secret-000").trustDeliveredOverSmtp("mx.a.test")
                    .imapMailbox("support", A, "");
            InstanceConfig b = new InstanceConfig(dir.resolve("b"), mail).name("rg-b", "b.test").from(B)
                    .signingSecret("instance-b-secret-instance-b-secret-111").trustDeliveredOverSmtp("mx.b.test")
                    .imapMailbox("support", B, "");
            Path configA = a.write();
            Path configB = b.write();
            MimeMessage provokesA = authenticatedRequest(B, A, "mx.a.test", "b.test");
            MimeMessage provokesB = authenticatedRequest(A, B, "mx.b.test", "a.test");
            mail.send(provokesA, B, A);
            mail.send(provokesB, A, B);
            OutOfOffice responder = new OutOfOffice(mail, B);

            List<Integer> mailsAfterRound = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                assertThat(Main.execute("run", "--once", "--config", configA.toString())).as("A, round %d", round)
                        .isZero();
                responder.answerNewMessages();
                assertThat(Main.execute("run", "--once", "--config", configB.toString())).as("B, round %d", round)
                        .isZero();
                mailsAfterRound.add(mail.totalMessages());
            }
            System.out.println("mails on the server after each round: " + mailsAfterRound + "; out-of-office sent "
                    + responder.sent());

            assertThat(mailsAfterRound.subList(ROUNDS / 2, ROUNDS)).as("the total stopped growing: %s",
                    mailsAfterRound).containsOnly(mailsAfterRound.get(ROUNDS - 1));
            // 2 provocations, 1 answer each way, the out-of-office to the provocation and to A's answer
            assertThat(mailsAfterRound.get(ROUNDS - 1)).as("mails in all").isEqualTo(6);
            assertOneAnswerTo(a, provokesA, B);
            assertOneAnswerTo(b, provokesB, A);
            assertThat(responder.sent()).isEqualTo(2);
        }
    }

    /** The instance answered {@code provocation} (at {@code to}) and refused every other message as automatic. */
    private static void assertOneAnswerTo(InstanceConfig instance, MimeMessage provocation, String to)
            throws Exception {
        String provocationId = provocation.getMessageID();
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.answers()).as("answers of %s", instance.jdbcUrl()).singleElement()
                    .satisfies(answer -> assertThat(answer.recipient()).isEqualTo(to));
            for (StoreView.Inbound record : store.inbound()) {
                if (("<" + record.messageId() + ">").equals(provocationId)) {
                    assertThat(record.action()).isEqualTo("redirect");
                    assertThat(record.answerOutboxId()).isNotNull();
                } else {
                    assertThat(record.reasons()).as("%s", record).contains("no-answer:automatic");
                    assertThat(record.answerOutboxId()).isNull();
                }
            }
            assertThat(store.inbound()).as("messages %s read", instance.jdbcUrl()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    /** New mail from {@code from} that our receiving server {@code authservId} authenticated: it gets an answer. */
    private static MimeMessage authenticatedRequest(String from, String to, String authservId, String fromDomain)
            throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject("Please call me back");
        message.setText("Hello, please call me back about my account.", "UTF-8");
        message.setHeader("Authentication-Results", authservId + "; spf=pass smtp.mailfrom=" + from
                + "; dmarc=pass header.from=" + fromDomain);
        message.saveChanges();
        return message;
    }

    /**
     * A naive vacation responder on a mailbox: answers every message once (by Message-ID) at its From, with
     * {@code Auto-Submitted: auto-replied}, even automatic mail. It reads the mailbox over IMAP without
     * changing it; run before the mailbox's replygate moves the messages away.
     */
    private static final class OutOfOffice {
        private final MailWorld mail;
        private final String mailbox;
        private final Set<String> answered = new HashSet<>();

        OutOfOffice(MailWorld mail, String mailbox) {
            this.mail = mail;
            this.mailbox = mailbox;
        }

        void answerNewMessages() throws Exception {
            for (MailWorld.Received received : mail.inbox(mailbox)) {
                MimeMessage message = received.message();
                if (answered.add(message.getMessageID())) {
                    String to = ((InternetAddress) message.getFrom()[0]).getAddress();
                    mail.send(MailProgram.outOfOffice(message, mailbox, to), mailbox, to);
                }
            }
        }

        int sent() {
            return answered.size();
        }
    }
}
