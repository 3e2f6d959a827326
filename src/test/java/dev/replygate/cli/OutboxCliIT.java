package dev.replygate.cli;

import dev.replygate.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2, acceptance: a 5xx answer leaves the item failed with the server's text; {@code outbox
 * list} shows it; {@code outbox retry} sends it again. All through the jar.
 */
class OutboxCliIT {

    private static final String CUSTOMER = "nobody@customer.test";

    @TempDir
    Path folder;

    private ScriptedSmtpServer smtp;
    /** Every recipient the server refused. */
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private Path config;

    @BeforeEach
    void start() throws Exception {
        smtp = new ScriptedSmtpServer();
        smtp.rcptReply = recipient -> {
            rejected.add(recipient);
            return rejection(recipient);
        };
        config = TestConfigFile.write(folder, smtp.port());
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    private ReplygateJar.Result replygate(String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        return ReplygateJar.run(folder, withConfig);
    }

    private static ReplygateJar.Result ok(ReplygateJar.Result result) {
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result;
    }

    /** The row of outbox#id in {@code outbox list}: "ID STATE ATTEMPTS …". */
    private static List<String> row(ReplygateJar.Result list, long id) {
        return list.stdout().lines().filter(line -> line.matches(id + "\\s+[a-z]+\\s+\\d+\\s.*")).toList();
    }

    @Test
    void a5xxFailsTheItemWithTheServersTextAndRetrySendsIt() {
        long id = ok(replygate("notify", "--ticket", "551100", "--event", "opened", "--to", CUSTOMER,
                "--locale", "en", "--var", "subject=Mailbox full")).outboxId();

        ok(replygate("run", "--once"));

        assertThat(rejected).containsExactly(CUSTOMER);
        assertThat(smtp.messages()).isEmpty();
        String serverText = rejection(CUSTOMER);
        ReplygateJar.Result failed = ok(replygate("outbox", "list", "--state", "failed"));
        assertThat(row(failed, id)).as(failed.describe()).singleElement().asString()
                .containsPattern(Pattern.compile("^" + id + "\\s+failed\\s+1\\s"));
        assertThat(failed.stdout()).contains("last error: " + serverText, "1 item(s)");
        ReplygateJar.Result all = ok(replygate("outbox", "list"));
        assertThat(all.stdout()).contains("last error: " + serverText);
        assertThat(ok(replygate("outbox", "list", "--state", "queued")).stdout()).contains("0 item(s)");

        // a failed item stays failed: another run does not try again by itself
        ok(replygate("run", "--once"));
        assertThat(rejected).hasSize(1);

        smtp.rcptReply = recipient -> "250 2.1.5 OK";
        ReplygateJar.Result retry = ok(replygate("outbox", "retry", Long.toString(id)));
        assertThat(retry.stdout()).contains("outbox#" + id + " queued for delivery");
        ReplygateJar.Result queued = ok(replygate("outbox", "list", "--state", "queued"));
        assertThat(row(queued, id)).as(queued.describe()).hasSize(1);

        ok(replygate("run", "--once"));

        assertThat(smtp.messages()).singleElement().asString().contains("To: " + CUSTOMER, "Mailbox full");
        ReplygateJar.Result sent = ok(replygate("outbox", "list", "--state", "sent"));
        // retry opens a fresh delivery window and attempt count (Outbox.retry), so: 1 attempt
        assertThat(row(sent, id)).as(sent.describe()).singleElement().asString()
                .containsPattern(Pattern.compile("^" + id + "\\s+sent\\s+1\\s"));
        assertThat(sent.stdout()).doesNotContain("last error");
        assertThat(ok(replygate("outbox", "list", "--state", "failed")).stdout()).contains("0 item(s)");
    }

    @Test
    void retryRefusesWhatCannotBeRetried() {
        smtp.rcptReply = recipient -> "250 2.1.5 OK";
        long id = ok(replygate("notify", "--ticket", "551101", "--event", "opened", "--to", CUSTOMER,
                "--var", "subject=Fine")).outboxId();
        ok(replygate("run", "--once"));
        assertThat(smtp.messages()).hasSize(1);

        ReplygateJar.Result sentItem = replygate("outbox", "retry", Long.toString(id));
        assertThat(sentItem.exitCode()).as(sentItem.describe()).isEqualTo(1);
        assertThat(sentItem.stderr()).contains("outbox#" + id + " cannot be retried: it is sent");

        ReplygateJar.Result missing = replygate("outbox", "retry", "999999");
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(1);
        assertThat(missing.stderr()).contains("there is no such item");

        ReplygateJar.Result notANumber = replygate("outbox", "retry", "abc");
        assertThat(notANumber.exitCode()).as(notANumber.describe()).isEqualTo(2);

        ok(replygate("run", "--once"));
        assertThat(smtp.messages()).as("nothing sent twice").hasSize(1);
    }

    @Test
    void purgeDeletesFailedItemsOlderThanAskedAndNothingElse() {
        long failed = ok(replygate("notify", "--ticket", "551102", "--event", "opened", "--to", CUSTOMER,
                "--var", "subject=Gone")).outboxId();
        ok(replygate("run", "--once"));
        smtp.rcptReply = recipient -> "250 2.1.5 OK";
        long sent = ok(replygate("notify", "--ticket", "551103", "--event", "opened", "--to", CUSTOMER,
                "--var", "subject=Fine")).outboxId();
        ok(replygate("run", "--once"));

        assertThat(ok(replygate("outbox", "purge", "--failed", "--older-than", "1d")).stdout())
                .contains("purged 0 failed outbox item(s) and 0 notification(s)");
        assertThat(ok(replygate("outbox", "purge", "--failed", "--older-than", "0s")).stdout())
                .contains("purged 1 failed outbox item(s) and 1 notification(s)");

        ReplygateJar.Result all = ok(replygate("outbox", "list"));
        assertThat(row(all, failed)).as(all.describe()).isEmpty();
        assertThat(row(all, sent)).as(all.describe()).hasSize(1);
        ReplygateJar.Result withoutFailed = replygate("outbox", "purge", "--older-than", "30d");
        assertThat(withoutFailed.exitCode()).as(withoutFailed.describe()).isEqualTo(2);
        assertThat(withoutFailed.stderr()).contains("--failed");
        ReplygateJar.Result badAge = replygate("outbox", "purge", "--failed", "--older-than", "a month");
        assertThat(badAge.exitCode()).as(badAge.describe()).isEqualTo(2);
    }

    private static String rejection(String recipient) {
        return "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown";
    }
}
