package dev.replygate.api;

import dev.replygate.notify.NotificationRecord;
import dev.replygate.notify.Notifications;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.testsupport.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * integrations/whmcs/replygate.php run by the distribution's php-cli as WHMCS runs it (add_hook,
 * localAPI and logActivity stubbed in src/test/resources/whmcs/harness.php) against a running
 * replygate: a ticket opened, answered and closed queues three notifications in the client's
 * language; the hooks run again queue nothing more; a replygate that never answers holds WHMCS only
 * for the configured timeout. Skipped without php (scripts/install-test-deps.sh installs it); fails
 * under CI=true.
 */
class WhmcsHookIT {

    private static final Path HOOK = Path.of("integrations", "whmcs", "replygate.php").toAbsolutePath();
    private static final long PHP_WAIT_SECONDS = 60;

    @TempDir
    Path folder;

    private ApiServer api;
    private Path harness;
    private Path tokenFile;

    @BeforeEach
    void start() throws IOException {
        Path php = Path.of("/usr/bin/php");
        if (!Files.isExecutable(php)) {
            Prerequisites.missing("php-cli is not installed (/usr/bin/php); run scripts/install-test-deps.sh");
        }
        api = new ApiServer(folder);
        harness = folder.resolve("harness.php");
        try (InputStream resource = WhmcsHookIT.class.getResourceAsStream("/whmcs/harness.php")) {
            Files.write(harness, resource.readAllBytes());
        }
        tokenFile = Files.writeString(folder.resolve("replygate-token"), ApiServer.TOKEN + "\n");
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private String runHooks(String url, String timeoutSeconds) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/php", "-n", "-d", "default_socket_timeout=30",
                harness.toString(), HOOK.toString(), url, tokenFile.toString(), timeoutSeconds));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(PHP_WAIT_SECONDS, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(finished).as("php still running after %d s: %s", PHP_WAIT_SECONDS, output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void aTicketOpenedAnsweredAndClosedQueuesThreeNotificationsOnce() throws Exception {
        String output = runHooks(api.base(), "3");
        assertThat(output).contains("opened notification for ticket 781045 queued",
                "answered notification for ticket 781045 queued", "closed notification for ticket 781045 queued");

        List<OutboxItem> queued = api.replygate.outbox().list(10);
        assertThat(queued).hasSize(3).allSatisfy(item -> {
            assertThat(item.recipient()).isEqualTo("sara@example.net");
            assertThat(item.ticketId()).isEqualTo("781045");
            assertThat(item.subject()).contains("Website & mail are down");
        });
        Notifications notifications = new Notifications(api.replygate.store());
        assertThat(queued).map(item -> notifications.findByMessageId(item.messageId()).orElseThrow())
                .extracting(NotificationRecord::event, NotificationRecord::locale, NotificationRecord::recipientName)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("opened", "fa", "Sara Ahmadi"),
                        org.assertj.core.groups.Tuple.tuple("answered", "fa", "Sara Ahmadi"),
                        org.assertj.core.groups.Tuple.tuple("closed", "fa", "Sara Ahmadi"));
        assertThat(queued).map(item -> notifications.findByMessageId(item.messageId()).orElseThrow().ticketKey())
                .as("WHMCS's access key of the ticket (tickets.c), for viewticket.php?tid=…&c=…")
                .containsOnly("XyZ12abc");

        runHooks(api.base(), "3");
        assertThat(api.replygate.outbox().list(10)).hasSize(3);
    }

    @Test
    void aReplygateThatNeverAnswersHoldsWhmcsOnlyForTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (IOException ignored) {
                            // closing a socket nobody reads
                        }
                    });
                }
            }, "silent-replygate");
            acceptor.setDaemon(true);
            acceptor.start();

            String output = runHooks("http://127.0.0.1:" + silent.getLocalPort() + "/api/v1/", "1");

            assertThat(output).contains("no answer from", "the opened notification for ticket 781045 was not requested");
            assertThat(output.lines().filter(line -> line.startsWith("hook: ")))
                    .hasSize(3)
                    .allSatisfy(line -> assertThat(Double.parseDouble(line.replaceAll(".* took ([0-9.]+) s", "$1")))
                            .isLessThan(10.0));
        }
    }
}
