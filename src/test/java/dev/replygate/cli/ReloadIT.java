package dev.replygate.cli;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.replygate.testsupport.CustomerMail;
import dev.replygate.testsupport.LocalServers;
import dev.replygate.testsupport.LoopbackGreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11, point 5: {@code replygate reload} (SIGHUP) while customers' replies flow through the daemon (the
 * jar). A valid new configuration applies (a mailbox added and polled, a template changed); an invalid one
 * and one that changes the store are refused with check-config's messages while the old one keeps
 * answering. Every reply is answered exactly once, across the reloads.
 */
class ReloadIT {

    private static final String SUPPORT = TestConfigFile.FROM_ADDRESS;
    private static final String SALES = "sales@hosting.test";
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final int CUSTOMERS = 5;
    private static final String ANSWER_SUBJECT = "not added to ticket";
    private static final String RELOADED_MARK = "[reloaded]";

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();
    private final List<String> notificationIds = new ArrayList<>();

    @Test
    void aValidConfigAppliesAndAnInvalidOneIsRefusedWhileMailFlowsAndEachReplyIsAnsweredOnce() throws Exception {
        Path config = writeConfig(false, "");
        for (int n = 1; n <= CUSTOMERS; n++) {
            ReplygateJar.Result notify = ReplygateJar.run(folder, "notify", "--config", config.toString(),
                    "--ticket", ticket(n), "--event", "opened", "--to", customer(n), "--name", "Customer " + n,
                    "--locale", "en", "--var", "subject=Website " + n + " is down");
            assertThat(notify.exitCode()).as(notify.describe()).isZero();
            notificationIds.add(notify.messageId());
        }
        GreenMailUser support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        GreenMailUser sales = greenMail.setUser(SALES, SALES, SALES);

        try (ReplygateJar.Daemon daemon = ReplygateJar.start(folder, "run", "--config", config.toString())) {
            support.deliver(reply(1, SUPPORT));
            awaitAnswered(daemon, 1);

            // mail flowing while the reload runs; then a new template and a new mailbox
            support.deliver(reply(2, SUPPORT));
            Path override = folder.resolve("templates").resolve("en").resolve("reply-redirect.subject.peb");
            Files.createDirectories(override.getParent());
            Files.writeString(override, RELOADED_MARK + " Your message was not added to ticket #{{ ticket }}",
                    StandardCharsets.UTF_8);
            writeConfig(true, "");
            ReplygateJar.Result valid = ReplygateJar.run(folder, "reload");
            assertThat(valid.exitCode()).as(valid.describe()).isZero();
            assertThat(valid.stdout()).contains("configuration reloaded");

            sales.deliver(reply(3, SALES));
            support.deliver(reply(4, SUPPORT));
            awaitAnswered(daemon, 2, 3, 4);
            assertThat(answerSubject(3)).as("the new mailbox is polled with the new template").contains(RELOADED_MARK);
            assertThat(answerSubject(4)).contains(RELOADED_MARK);
            assertThat(answerSubject(1)).doesNotContain(RELOADED_MARK);

            // an invalid config: refused with check-config's messages, the running one stays
            Path invalid = writeConfig(true, "retension:\n  decisions: 30d\n");
            ReplygateJar.Result checked = ReplygateJar.run(folder, "check-config", "--config", invalid.toString());
            assertThat(checked.exitCode()).as(checked.describe()).isEqualTo(ExitCodes.CONFIG);
            ReplygateJar.Result refused = ReplygateJar.run(folder, "reload");
            assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.CONFIG);
            assertThat(refused.stderr()).contains("reload refused").contains(problemLines(checked));
            assertThat(daemon.stderr()).contains("reload refused");

            // a changed store: refused by the daemon alone (the file itself is valid)
            Path otherStore = TestConfigFile.write(folder, greenMail.getSmtp().getPort(), "1s",
                    "url: jdbc:h2:file:" + folder.toAbsolutePath().resolve("other").resolve("replygate"));
            appendMailboxes(otherStore, true, "");
            ReplygateJar.Result storeChanged = ReplygateJar.run(folder, "reload");
            assertThat(storeChanged.exitCode()).as(storeChanged.describe()).isEqualTo(ExitCodes.CONFIG);
            assertThat(storeChanged.stderr()).contains("store", "cannot change on reload");

            sales.deliver(reply(5, SALES));
            awaitAnswered(daemon, 5);
            assertThat(answerSubject(5)).as("the configuration applied before keeps running").contains(RELOADED_MARK);

            Thread.sleep(3_000); // a poll and a delivery interval and more, for anything answered twice to arrive
            assertThat(daemon.terminate(LIMIT)).as(daemon.output()).isIn(0, 143);
            assertThat(daemon.output()).doesNotContain("ERROR dev.replygate.schedule");
        }
        for (int n = 1; n <= CUSTOMERS; n++) {
            assertThat(answersTo(n)).as("answers to customer %d", n).hasSize(1);
        }
        assertThat(greenMail.getManagers().getImapHostManager().getInbox(support).getMessageCount()).isZero();
        assertThat(greenMail.getManagers().getImapHostManager().getInbox(sales).getMessageCount()).isZero();
        assertThat(folder.resolve(ReloadFiles.DEFAULT_NAME)).as("the PID file goes with the daemon").doesNotExist();
    }

    @Test
    void theHttpServerRestartsOnItsAddressWithTheReloadedTokens() throws Exception {
        int port = LocalServers.freeLoopbackPort();
        String oldToken = "old-token-only-for-this-test-0123456789abcdef";
        String newToken = "new-token-only-for-this-test-0123456789abcdef";
        // made before the daemon logs in on two connections at once: GreenMail's making of an unknown user on
        // login is not safe for two logins at once and fails one of them
        greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        Path config = writeConfig(false, httpSection(port, oldToken));
        try (ReplygateJar.Daemon daemon = ReplygateJar.start(folder, "run", "--config", config.toString())) {
            await("the daemon serves /metrics").atMost(LIMIT).pollInterval(Duration.ofMillis(300))
                    .failFast("the daemon died", () -> !daemon.isAlive())
                    .until(() -> metricsStatus(port, oldToken) == 200);

            writeConfig(false, httpSection(port, newToken));
            ReplygateJar.Result reloaded = ReplygateJar.run(folder, "reload");
            assertThat(reloaded.exitCode()).as(reloaded.describe()).isZero();
            assertThat(metricsStatus(port, newToken)).isEqualTo(200);
            assertThat(metricsStatus(port, oldToken)).as("the old token no longer works").isEqualTo(401);
            Path pidFile = folder.resolve(ReloadFiles.DEFAULT_NAME);
            assertThat(Files.readAllLines(pidFile)).as("the PID, then when the daemon started")
                    .startsWith(Long.toString(daemon.pid())).hasSizeGreaterThan(1);

            // a PID file as older versions wrote it, the PID alone: the daemon is told by its command line
            Files.writeString(pidFile, daemon.pid() + "\n");
            writeConfig(false, httpSection(port + 1, newToken));
            ReplygateJar.Result moved = ReplygateJar.run(folder, "reload");
            assertThat(moved.exitCode()).as(moved.describe()).isEqualTo(ExitCodes.CONFIG);
            assertThat(moved.stderr()).contains("http", "port cannot change on reload");
            assertThat(metricsStatus(port, newToken)).as("still serving where it was").isEqualTo(200);
            assertThat(daemon.terminate(LIMIT)).as(daemon.output()).isIn(0, 143);
        }
    }

    private static String httpSection(int port, String token) {
        return """
                http:
                  enabled: true
                  port: %d
                  tokens:
                    - name: prometheus
                      token: %s
                """.formatted(port, token);
    }

    private static int metricsStatus(int port, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reloadWithoutADaemonSaysSo() {
        ReplygateJar.Result result = ReplygateJar.run(folder, "reload");
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).contains("no PID file at replygate.pid", "systemctl reload replygate");
    }

    private Path writeConfig(boolean withSales, String yaml) {
        Path config = TestConfigFile.write(folder, greenMail.getSmtp().getPort(), "1s");
        appendMailboxes(config, withSales, yaml);
        return config;
    }

    private void appendMailboxes(Path config, boolean withSales, String yaml) {
        String fast = "    poll-interval: 1s\n";
        String sales = withSales
                ? TestConfigFile.mailboxItem("sales", greenMail.getImap().getPort(), "none", SALES,
                "    password: " + SALES + "\n" + fast + "    idle: false\n")
                : "";
        TestConfigFile.appendSupportMailbox(config, greenMail.getImap().getPort(), fast + sales, yaml);
    }

    /** The problem lines check-config printed after its "configuration error:" line. */
    private static String[] problemLines(ReplygateJar.Result checked) {
        String[] lines = checked.stderr().strip().split("\n");
        int first = Arrays.asList(lines).indexOf("configuration error:");
        assertThat(first).as(checked.describe()).isNotNegative();
        String[] problems = Arrays.copyOfRange(lines, first + 1, lines.length);
        assertThat(problems).as(checked.describe()).isNotEmpty();
        return problems;
    }

    private static String ticket(int n) {
        return Integer.toString(810_000 + n);
    }

    private static String customer(int n) {
        return "customer" + n + "@example.net";
    }

    /** Customer {@code n}'s answer by hand to their notification, sent to {@code mailbox}. */
    private MimeMessage reply(int n, String mailbox) {
        return CustomerMail.of("""
                Return-Path: <%s>
                From: Customer %d <%s>
                To: %s
                Subject: Re: Website %d is down
                Message-ID: <reload-reply-%d@example.net>
                In-Reply-To: <%s>
                Content-Type: text/plain

                It is still down.
                """.formatted(customer(n), n, customer(n), mailbox, n, n, notificationIds.get(n - 1)));
    }

    private void awaitAnswered(ReplygateJar.Daemon daemon, int... customers) {
        await("answers to customers " + Arrays.toString(customers)).atMost(LIMIT)
                .pollInterval(Duration.ofMillis(300))
                .failFast("the daemon died", () -> !daemon.isAlive())
                .until(() -> Arrays.stream(customers).allMatch(n -> !answersTo(n).isEmpty()));
    }

    private String answerSubject(int n) throws MessagingException {
        List<MimeMessage> answers = answersTo(n);
        assertThat(answers).hasSize(1);
        return answers.get(0).getSubject();
    }

    private List<MimeMessage> answersTo(int n) {
        List<MimeMessage> answers = new ArrayList<>();
        try {
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                Address[] to = message.getRecipients(MimeMessage.RecipientType.TO);
                if (to != null && Arrays.asList(to).contains(new InternetAddress(customer(n)))
                        && message.getSubject().contains(ANSWER_SUBJECT)) {
                    answers.add(message);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return answers;
    }
}
