package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.outbound.OutboxDeliverer;
import dev.replygate.store.CrashPoints;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's "exactly once": the jar's {@code run --once} is killed (the JVM halts, as on {@code kill -9})
 * at each step of the inbound and outbound stages, then run again without the crash. Three messages wait
 * in the support mailbox: two signed replies and an out-of-office. After the restart, and again once every
 * delivery lease has run out, nothing is lost (each original is in its disposition folder, none left in
 * the INBOX or filed twice) and nothing is answered twice: each customer holds exactly one redirect.
 *
 * <p>The one exception is by design: a crash after the SMTP server accepted an answer and before it was
 * marked sent. SMTP cannot make the hand-over and replygate's record one step, so the item is sent again
 * after its lease expires (at-least-once), with the same Message-ID, so that the receiving side can tell
 * the copy. A crash while a delivery batch is claimed leaves it {@code sending} under the dead process's
 * lease; the restart on the same machine sees that process gone and sends the batch at once (issue 7).
 * A last run in-process, with a clock moved past every lease, shows that nothing more goes out.
 */
class CrashRecoveryIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String SARA = "sara@customer.test";
    private static final String JOHN = "john@customer.test";
    private static final String AWAY = "away@customer.test";
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    /** Where the JVM dies, and what must hold right after the crash, proving that it died at that step. */
    enum Step {
        BEFORE_COMMIT(CrashPoints.INBOUND_BEFORE_COMMIT),
        AFTER_COMMIT(CrashPoints.INBOUND_AFTER_COMMIT),
        AFTER_MOVE(CrashPoints.MAILBOX_AFTER_DISPOSITIONS),
        BEFORE_CLAIM(CrashPoints.OUTBOX_BEFORE_CLAIM),
        BEFORE_SEND(CrashPoints.OUTBOX_BEFORE_SEND),
        AFTER_SEND(CrashPoints.OUTBOX_AFTER_SEND);

        final String point;

        Step(String point) {
            this.point = point;
        }
    }

    @TempDir
    Path dir;

    private MailWorld mail;

    @BeforeEach
    void start() {
        mail = new MailWorld().addMailbox(SUPPORT).addMailbox(SARA).addMailbox(JOHN).addMailbox(AWAY);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aCrashAtThisStepLosesNothingAndAnswersNothingTwice(Step step) throws Exception {
        InstanceConfig instance = new InstanceConfig(dir, mail).imapMailbox("support", SUPPORT, "");
        Path config = instance.write();
        ReplygateConfig loaded = instance.load();
        try (Replygate replygate = new Replygate(loaded, Clock.systemUTC())) {
            notify(replygate, "5001", SARA, "fa", "سایت من باز نمی‌شود");
            notify(replygate, "5002", JOHN, "en", "Cannot renew my domain");
            notify(replygate, "5003", AWAY, "en", "Invoice question");
            assertThat(Replygate.deliverAllDue(replygate.deliverer()).sent()).isEqualTo(3);
        }
        MimeMessage saraReply = MailProgram.reply(onlyMessage(SARA), "Sara", SARA, SUPPORT, "سلام، هنوز کار نمی‌کند.",
                "UTF-8");
        MimeMessage outOfOffice = MailProgram.outOfOffice(onlyMessage(AWAY), AWAY, SUPPORT);
        MimeMessage johnReply = MailProgram.reply(onlyMessage(JOHN), "John", JOHN, SUPPORT, "Still broken.",
                "UTF-8");
        mail.send(saraReply, SARA, SUPPORT);
        mail.send(outOfOffice, AWAY, SUPPORT);
        mail.send(johnReply, JOHN, SUPPORT);
        List<String> originals = List.of(saraReply.getMessageID(), outOfOffice.getMessageID(),
                johnReply.getMessageID());

        ReplygateJar.Result crashed = ReplygateJar.run(dir, List.of("-D" + CrashPoints.SETTING + "=" + step.point),
                RUN_LIMIT, "run", "--once", "--config", config.toString());

        assertThat(crashed.exitCode()).as("the crash point %s was reached:%n%s", step.point, crashed.describe())
                .isEqualTo(CrashPoints.EXIT_CODE);
        assertThat(crashed.stderr()).contains("crash point " + step.point + " reached");
        assertStateRightAfter(step, instance);
        assertNothingLost(originals, false);

        ReplygateJar.Result restarted = ReplygateJar.run(dir, List.of(), RUN_LIMIT, "run", "--once", "--config",
                config.toString());

        assertThat(restarted.exitCode()).as("the restart:%n%s", restarted.describe()).isZero();
        assertNothingLost(originals, true);
        if (step == Step.BEFORE_SEND || step == Step.AFTER_SEND) {
            assertThat(redirects(SARA).size() + redirects(JOHN).size())
                    .as("the restart released the dead run's batch at once and sent it")
                    .isEqualTo(step == Step.AFTER_SEND ? 3 : 2);
        }

        Clock pastEveryLease = Clock.offset(Clock.systemUTC(),
                OutboxDeliverer.leaseFor(loaded.smtp()).plusMinutes(5));
        try (Replygate later = new Replygate(loaded, pastEveryLease)) {
            for (MailboxPoller poller : later.mailboxPollers()) {
                Replygate.pollUntilEmpty(poller);
            }
            Replygate.deliverAllDue(later.deliverer());
        }

        assertNothingLost(originals, true);
        List<MimeMessage> toSara = redirects(SARA);
        List<MimeMessage> toJohn = redirects(JOHN);
        assertThat(distinctMessageIds(toSara)).as("distinct redirects to Sara").hasSize(1);
        assertThat(distinctMessageIds(toJohn)).as("distinct redirects to John").hasSize(1);
        assertThat(toSara.get(0).getHeader("In-Reply-To", null)).isEqualTo(saraReply.getMessageID());
        assertThat(toJohn.get(0).getHeader("In-Reply-To", null)).isEqualTo(johnReply.getMessageID());
        assertThat(mail.inbox(AWAY)).as("the out-of-office got nothing").hasSize(1);
        if (step == Step.AFTER_SEND) {
            assertThat(toSara).as("at-least-once: the answer the crash left unmarked went again, same Message-ID")
                    .hasSize(2);
        } else {
            assertThat(toSara).hasSize(1);
        }
        assertThat(toJohn).hasSize(1);
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.inbound()).as("one record per message").hasSize(3);
            assertThat(store.answers()).as("one answer per reply, each sent")
                    .hasSize(2).allSatisfy(a -> assertThat(a.state()).isEqualTo("sent"));
        }
    }

    private void assertStateRightAfter(Step step, InstanceConfig instance) throws Exception {
        List<StoreView.Inbound> records;
        List<StoreView.Outgoing> answers;
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            records = store.inbound();
            answers = store.answers();
        }
        int inInbox = mail.messageIds(SUPPORT, "INBOX").size();
        int delivered = redirects(SARA).size() + redirects(JOHN).size();
        switch (step) {
            case BEFORE_COMMIT -> {
                assertThat(records).as("the first record was not committed").isEmpty();
                assertThat(answers).isEmpty();
                assertThat(inInbox).isEqualTo(3);
            }
            case AFTER_COMMIT -> {
                assertThat(records).as("the batch's records were committed").hasSize(3);
                assertThat(answers).as("with their answers").hasSize(2);
                assertThat(inInbox).as("nothing moved yet").isEqualTo(3);
            }
            case AFTER_MOVE -> {
                assertThat(records).hasSize(3);
                assertThat(inInbox).as("the batch was moved").isZero();
                assertThat(answers).allSatisfy(a -> assertThat(a.state()).isEqualTo("queued"));
            }
            case BEFORE_CLAIM -> assertThat(answers).hasSize(2)
                    .allSatisfy(a -> assertThat(a.state()).isEqualTo("queued"));
            case BEFORE_SEND, AFTER_SEND -> assertThat(answers).hasSize(2)
                    .allSatisfy(a -> assertThat(a.state()).as("claimed under a lease").isEqualTo("sending"));
        }
        assertThat(delivered).as("answers the SMTP server took before the crash")
                .isEqualTo(step == Step.AFTER_SEND ? 1 : 0);
    }

    /** Every original is in the INBOX (to be read again) or in exactly one disposition folder, once. */
    private void assertNothingLost(List<String> originals, boolean allFiled) throws Exception {
        List<String> everywhere = new ArrayList<>();
        List<String> inbox = mail.messageIds(SUPPORT, "INBOX");
        List<String> redirected = mail.messageIds(SUPPORT, MailWorld.REDIRECTED);
        List<String> ignored = mail.messageIds(SUPPORT, MailWorld.IGNORED);
        everywhere.addAll(inbox);
        everywhere.addAll(redirected);
        everywhere.addAll(ignored);
        everywhere.addAll(mail.messageIds(SUPPORT, MailWorld.QUARANTINE));
        assertThat(everywhere).as("each original exactly once on the server").containsExactlyInAnyOrderElementsOf(
                originals);
        if (allFiled) {
            assertThat(inbox).as("left in the INBOX").isEmpty();
            assertThat(redirected).containsExactlyInAnyOrder(originals.get(0), originals.get(2));
            assertThat(ignored).containsExactly(originals.get(1));
        }
    }

    private static void notify(Replygate replygate, String ticket, String to, String locale, String subject) {
        replygate.notificationService().queue(new NotificationRequest(ticket, "answered", to, "", locale,
                Map.of("subject", subject), "crash-" + ticket));
    }

    private MimeMessage onlyMessage(String customer) throws Exception {
        return mail.onlyMessage(customer);
    }

    /** What the customer received after the notification: replygate's redirects. */
    private List<MimeMessage> redirects(String customer) throws Exception {
        return mail.autoReplies(customer);
    }

    private static List<String> distinctMessageIds(List<MimeMessage> messages) throws Exception {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : messages) {
            ids.add(message.getMessageID());
        }
        return ids.stream().distinct().toList();
    }
}
