package dev.replygate.cli;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.replygate.oauth2.LocalTokenEndpoint;
import dev.replygate.store.Store;
import dev.replygate.testsupport.LoopbackGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * XOAUTH2 logins end to end: a local token endpoint issues and rotates tokens, GreenMail accepts only
 * the latest one, and replygate's IMAP and SMTP logins fetch a token and refresh it (with the rotated
 * refresh token) after it expired; a refused token is a plain failure that marks the mailbox failing.
 */
class XOAuth2IT {

    private static final String USER = TestConfigFile.FROM_ADDRESS;
    private static final long LIFETIME_SECONDS = 2;

    @TempDir
    Path folder;
    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImapCheckingLogins();
    GreenMailUser user;

    @BeforeEach
    void start() {
        Store.keepEmbeddedServerOnLoopback();
        user = greenMail.setUser(USER, USER, "no-token-yet");
    }

    private static InProcessCli.Run replygate(String... args) {
        return InProcessCli.run(args);
    }

    /** The config with mailbox {@code support} and, with {@code smtpToo}, the relay logging in by {@code oauth2}. */
    private Path config(String oauth2, boolean smtpToo) throws IOException {
        Path config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        String yaml = Files.readString(config, StandardCharsets.UTF_8);
        if (smtpToo) {
            yaml = yaml.replace("  timeout: 10s\n", "  timeout: 10s\n  username: " + USER + "\n  oauth2:\n"
                    + oauth2.indent(4));
        }
        yaml += "mailboxes:\n" + TestConfigFile.mailboxItem("support", greenMail.getImap().getPort(), "none", USER,
                "    oauth2:\n" + oauth2.indent(6));
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        return config;
    }

    private String refreshTokenLogin(LocalTokenEndpoint endpoint) throws IOException {
        Path refreshToken = folder.resolve("refresh-token");
        Files.writeString(refreshToken, "refresh-0\n", StandardCharsets.UTF_8);
        return "token-url: " + endpoint.url() + "\nclient-id: replygate-test\nrefresh-token-file: " + refreshToken
                + "\nscopes: [https://mail.google.com/]\n";
    }

    private static void waitPastRefresh() throws InterruptedException {
        // refreshed half-way through its life at the latest: after LIFETIME_SECONDS it is surely due
        Thread.sleep(LIFETIME_SECONDS * 1000 + 200);
    }

    @Test
    void imapFetchesATokenReusesItAndRefreshesItAfterExpiry() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", LIFETIME_SECONDS,
                user::setPassword)) {
            Path config = config(refreshTokenLogin(endpoint), false);

            InProcessCli.Run first = replygate("mailbox", "test", "support", "--config", config.toString());

            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).contains("logged in as " + USER + " with an OAuth2 token (XOAUTH2)")
                    .doesNotContain("access-1");
            // reuse while the token lives is AccessTokensTest's, on a clock of its own
            assertThat(endpoint.requests()).hasSize(1);
            assertThat(endpoint.requests().get(0)).containsEntry("grant_type", "refresh_token")
                    .containsEntry("refresh_token", "refresh-0").containsEntry("client_id", "replygate-test")
                    .containsEntry("scope", "https://mail.google.com/");

            waitPastRefresh();
            InProcessCli.Run afterExpiry = replygate("mailbox", "test", "support", "--config", config.toString());

            assertThat(afterExpiry.exitCode()).as(afterExpiry.out()).isZero();
            assertThat(endpoint.requests()).hasSize(2);
            assertThat(endpoint.requests().get(1)).containsEntry("refresh_token", "refresh-1");
        }
    }

    @Test
    void smtpLogsInWithATokenAndRefreshesItAfterExpiry() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", LIFETIME_SECONDS,
                user::setPassword)) {
            Path config = config(refreshTokenLogin(endpoint).replace("replygate-test", "replygate-smtp"), true);

            InProcessCli.Run first = replygate("smtp", "test", "--send-to", "admin@example.net", "--config",
                    config.toString());
            waitPastRefresh();
            InProcessCli.Run afterExpiry = replygate("smtp", "test", "--send-to", "admin@example.net", "--config",
                    config.toString());

            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).contains("logged in as " + USER + " with an OAuth2 token (XOAUTH2)")
                    .contains("AUTH").contains("XOAUTH2");
            assertThat(afterExpiry.exitCode()).as(afterExpiry.out()).isZero();
            assertThat(endpoint.requests()).extracting(request -> request.get("refresh_token"))
                    .containsExactly("refresh-0", "refresh-1");
            assertThat(greenMail.getReceivedMessages()).hasSize(2);
        }
    }

    /**
     * The endpoint rotated (and retired) the configured refresh token while the daemon ran: the self-tests,
     * each a process of its own as an admin runs them, log in with the refresh token the store keeps, as the
     * daemon does after a restart, and keep the one the endpoint rotates then; no token is printed.
     */
    @Test
    void theSelfTestsLogInWithTheRefreshTokenTheEndpointRotatedLast() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, user::setPassword)) {
            String file = config(refreshTokenLogin(endpoint).replace("replygate-test", "replygate-rotated"), true)
                    .toString();

            ReplygateJar.Result daemon = ReplygateJar.run(folder, "run", "--once", "--config", file);
            ReplygateJar.Result mailboxTest = ReplygateJar.run(folder, "mailbox", "test", "support", "--config", file);
            ReplygateJar.Result smtpTest = ReplygateJar.run(folder, "smtp", "test", "--config", file);

            assertThat(daemon.exitCode()).as(daemon.describe()).isZero();
            assertThat(mailboxTest.exitCode()).as(mailboxTest.describe()).isZero();
            assertThat(mailboxTest.stdout()).contains("logged in as " + USER + " with an OAuth2 token (XOAUTH2)");
            assertThat(smtpTest.exitCode()).as(smtpTest.describe()).isZero();
            assertThat(endpoint.requests()).extracting(request -> request.get("refresh_token"))
                    .containsExactly("refresh-0", "refresh-1", "refresh-2");
            for (ReplygateJar.Result result : List.of(daemon, mailboxTest, smtpTest)) {
                assertThat(result.stdout() + result.stderr()).doesNotContainPattern("(refresh|access)-\\d");
            }
        }
    }

    @Test
    void aSelfTestThatCannotOpenTheStoreSaysWhyInOneLineAndLogsInToNothing() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, user::setPassword);
             ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = closed.getLocalPort();
            closed.close();
            Path config = config(refreshTokenLogin(endpoint).replace("replygate-test", "replygate-no-store"), false);
            Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8).replaceFirst(
                    "url: jdbc:h2:file:\\S+", "url: jdbc:postgresql://127.0.0.1:" + port + "/replygate"),
                    StandardCharsets.UTF_8);

            InProcessCli.Run run = replygate("mailbox", "test", "support", "--config", config.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.err()).contains("error: cannot open the store, which keeps the refresh token")
                    .contains("127.0.0.1:" + port).doesNotContain("\tat ").doesNotContain("refresh-0");
            assertThat(endpoint.requests()).as("no login with a token the store may have replaced").isEmpty();
        }
    }

    @Test
    void microsoft365ClientCredentialsGetATokenWithTheClientSecret() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("unused", "client-secret-of-the-app",
                LIFETIME_SECONDS, user::setPassword)) {
            Path config = config("token-url: " + endpoint.url() + "\nclient-id: replygate-m365\n"
                    + "client-secret: client-secret-of-the-app\nscopes: [https://outlook.office365.com/.default]\n",
                    false);

            InProcessCli.Run run = replygate("mailbox", "test", "support", "--config", config.toString());

            assertThat(run.exitCode()).as(run.out()).isZero();
            assertThat(endpoint.requests().get(0)).containsEntry("grant_type", "client_credentials")
                    .containsEntry("client_secret", "client-secret-of-the-app");
        }
    }

    @Test
    void aTokenTheServerRefusesIsReportedAndMarksTheMailboxFailing() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, token -> { })) {
            Path config = config(refreshTokenLogin(endpoint).replace("replygate-test", "replygate-refused"), false);

            InProcessCli.Run test = replygate("mailbox", "test", "support", "--config", config.toString());
            replygate("run", "--once", "--config", config.toString());
            InProcessCli.Run list = replygate("mailbox", "list", "--config", config.toString());

            assertThat(test.exitCode()).as(test.out()).isEqualTo(17);
            assertThat(test.out()).contains("FAIL login         the OAuth2 token for " + USER + " was refused by")
                    .doesNotContain("access-");
            assertThat(list.out()).containsPattern("support +imap +\\S+ +failing")
                    .contains("last error: ").contains("the OAuth2 token for " + USER + " was refused by")
                    .doesNotContain("access-");
        }
    }

    @Test
    void aRefreshTokenTheEndpointRefusesIsNamedSo() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("another-refresh-token", "", 3600,
                user::setPassword)) {
            Path config = config(refreshTokenLogin(endpoint).replace("replygate-test", "replygate-revoked"), false);

            InProcessCli.Run run = replygate("mailbox", "test", "support", "--config", config.toString());

            assertThat(run.exitCode()).as(run.out()).isEqualTo(17);
            assertThat(run.out()).contains("FAIL token").contains("refused the refresh token: invalid_grant"
                    + " (the grant is expired or revoked)").doesNotContain("refresh-0");
        }
    }
}
