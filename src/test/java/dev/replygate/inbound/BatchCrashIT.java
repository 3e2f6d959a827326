package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.store.CrashPoints;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: the inbound stage records a fetched batch in transactions of up to
 * {@link InboundPipeline#RECORDS_PER_TRANSACTION} messages, and the mailbox files the batch only once all are
 * committed. The jar's {@code run --once} is killed (the JVM halts, as on {@code kill -9}) inside the first
 * transaction, after the batch's first message was written and before the others were; or, in a batch larger
 * than one transaction, after the first transaction committed and before the rest was written. Then it runs
 * again. The batch holds the customers' replies, one of them delivered twice (the same Message-ID), and an
 * out-of-office. After the restart every message is recorded once, filed once in its disposition folder, and
 * every customer holds exactly one redirect.
 */
class BatchCrashIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String AWAY = "away@customer.test";
    private static final int FEW = 5;
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private MailWorld mail;
    private InstanceConfig instance;

    @BeforeEach
    void start() {
        mail = new MailWorld().addMailbox(SUPPORT).addMailbox(AWAY);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void aCrashWithinTheBatchTransactionLosesNothingAndAnswersNothingTwice() throws Exception {
        Path config = configured(FEW);
        List<String> originals = repliesWaiting(FEW);

        runCrashingAt(CrashPoints.INBOUND_WITHIN_BATCH, config);

        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.inbound()).as("nothing of the batch was committed").isEmpty();
            assertThat(store.answers()).isEmpty();
        }
        assertThat(mail.messageIds(SUPPORT, "INBOX")).as("every message still waits")
                .containsExactlyInAnyOrderElementsOf(originals);
        restartFilesEachOnceAndAnswersEachCustomerOnce(FEW, originals, config);
    }

    /**
     * A batch larger than {@link InboundPipeline#RECORDS_PER_TRANSACTION} is recorded in several transactions;
     * the kill comes after the first committed and before the rest was written.
     */
    @Test
    void aCrashBetweenTheBatchsTransactionsLosesNothingAndAnswersNothingTwice() throws Exception {
        int customers = InboundPipeline.RECORDS_PER_TRANSACTION + 5;
        Path config = configured(customers);
        List<String> originals = repliesWaiting(customers);

        ReplygateJar.Result crashed = runCrashingAt(CrashPoints.INBOUND_BETWEEN_TRANSACTIONS, config);

        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.inbound()).as("the first transaction's records, committed:%n%s", crashed.describe())
                    .hasSize(InboundPipeline.RECORDS_PER_TRANSACTION);
            assertThat(store.answers()).as("one answer per customer of the first transaction")
                    .hasSize(InboundPipeline.RECORDS_PER_TRANSACTION);
        }
        assertThat(mail.messageIds(SUPPORT, "INBOX")).as("every message still waits: nothing is moved before the"
                + " whole batch is committed").containsExactlyInAnyOrderElementsOf(originals);
        restartFilesEachOnceAndAnswersEachCustomerOnce(customers, originals, config);
    }

    /** Notifies {@code customers} customers and the away address, and delivers the notifications. */
    private Path configured(int customers) throws Exception {
        for (int n = 1; n <= customers; n++) {
            mail.addMailbox(customer(n));
        }
        instance = new InstanceConfig(dir, mail).imapMailbox("support", SUPPORT, "");
        Path config = instance.write();
        try (Replygate replygate = new Replygate(instance.load(), Clock.systemUTC())) {
            for (int n = 1; n <= customers; n++) {
                replygate.notificationService().queue(new NotificationRequest(String.valueOf(7100 + n), "answered",
                        customer(n), "", "en", Map.of("subject", "Question " + n), "batch-" + n));
            }
            replygate.notificationService().queue(new NotificationRequest("709", "answered", AWAY, "", "en",
                    Map.of("subject", "Invoice"), "batch-away"));
            assertThat(Replygate.deliverAllDue(replygate.deliverer()).sent()).isEqualTo(customers + 1);
        }
        return config;
    }

    /**
     * Each customer's reply to the support address, the first customer's twice (the same Message-ID), and an
     * out-of-office: one batch. Returns their Message-IDs.
     */
    private List<String> repliesWaiting(int customers) throws Exception {
        List<String> originals = new ArrayList<>();
        MimeMessage firstReply = null;
        for (int n = 1; n <= customers; n++) {
            MimeMessage reply = MailProgram.reply(onlyMessage(customer(n)), "Customer " + n, customer(n), SUPPORT,
                    "Still broken, " + n + ".", "UTF-8");
            mail.send(reply, customer(n), SUPPORT);
            originals.add(reply.getMessageID());
            firstReply = firstReply == null ? reply : firstReply;
        }
        mail.send(firstReply, customer(1), SUPPORT);
        originals.add(firstReply.getMessageID());
        MimeMessage outOfOffice = MailProgram.outOfOffice(onlyMessage(AWAY), AWAY, SUPPORT);
        mail.send(outOfOffice, AWAY, SUPPORT);
        originals.add(outOfOffice.getMessageID());
        return originals;
    }

    private ReplygateJar.Result runCrashingAt(String point, Path config) throws Exception {
        ReplygateJar.Result crashed = ReplygateJar.run(dir, List.of("-D" + CrashPoints.SETTING + "=" + point),
                RUN_LIMIT, "run", "--once", "--config", config.toString());
        assertThat(crashed.exitCode()).as("the crash point was reached:%n%s", crashed.describe())
                .isEqualTo(CrashPoints.EXIT_CODE);
        return crashed;
    }

    private void restartFilesEachOnceAndAnswersEachCustomerOnce(int customers, List<String> originals, Path config)
            throws Exception {
        ReplygateJar.Result restarted = ReplygateJar.run(dir, List.of(), RUN_LIMIT, "run", "--once", "--config",
                config.toString());

        assertThat(restarted.exitCode()).as("the restart:%n%s", restarted.describe()).isZero();
        assertThat(mail.messageIds(SUPPORT, "INBOX")).as("left in the INBOX").isEmpty();
        List<String> filed = new ArrayList<>(mail.messageIds(SUPPORT, MailWorld.REDIRECTED));
        filed.addAll(mail.messageIds(SUPPORT, MailWorld.IGNORED));
        filed.addAll(mail.messageIds(SUPPORT, MailWorld.QUARANTINE));
        assertThat(filed).as("each original filed exactly once").containsExactlyInAnyOrderElementsOf(originals);
        for (int n = 1; n <= customers; n++) {
            assertThat(redirects(customer(n))).as("redirects to customer %d", n).hasSize(1);
        }
        assertThat(mail.inbox(AWAY)).as("the out-of-office got nothing").hasSize(1);
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.inbound()).as("one record per message").hasSize(originals.size());
            assertThat(store.answers()).as("one answer per customer, each sent").hasSize(customers)
                    .allSatisfy(a -> assertThat(a.state()).isEqualTo("sent"));
        }
    }

    /** A customer of a domain of their own: the per-domain answer cap (50 an hour) must hold back none. */
    private static String customer(int n) {
        return "customer@c" + n + ".customer.test";
    }

    private MimeMessage onlyMessage(String customer) throws Exception {
        return mail.onlyMessage(customer);
    }

    /** What the customer received after the notification: replygate's redirects. */
    private List<MimeMessage> redirects(String customer) throws Exception {
        return mail.autoReplies(customer);
    }
}
