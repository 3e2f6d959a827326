package dev.replygate.cli;

import com.icegreen.greenmail.util.GreenMail;
import dev.replygate.app.ConfigFiles;
import dev.replygate.config.ReplygateConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A valid replygate.yaml in a test's folder, adapted from the demo's: an H2 file store in that
 * folder, SMTP on 127.0.0.1 at a test server's port.
 */
public final class TestConfigFile {

    public static final String DOMAIN = "hosting.test";
    public static final String INSTANCE = "replygate-e2e";
    public static final String FROM_ADDRESS = "support@hosting.test";
    public static final String TIME_ZONE = "Asia/Tehran";
    public static final String TICKET_URL = "https://portal.hosting.test/viewticket.php?tid=";

    private TestConfigFile() {
    }

    /** The H2 file of the store (without H2's {@code .mv.db}). */
    public static Path storeBase(Path folder) {
        return folder.toAbsolutePath().resolve("db").resolve("replygate");
    }

    /** The file H2 creates for the store. */
    public static Path storeFile(Path folder) {
        return folder.toAbsolutePath().resolve("db").resolve("replygate.mv.db");
    }

    /** Writes {@code folder/replygate.yaml} with a delivery interval of 1s. */
    public static Path write(Path folder, int smtpPort) {
        return write(folder, smtpPort, "1s");
    }

    public static Path write(Path folder, int smtpPort, String deliveryInterval) {
        return write(folder, smtpPort, deliveryInterval, "url: jdbc:h2:file:" + storeBase(folder));
    }

    /**
     * As {@link #write(Path, int, String)} with another store: {@code storeSettings} are the lines of the
     * {@code store:} section, each after the first indented by two spaces.
     */
    public static Path write(Path folder, int smtpPort, String deliveryInterval, String storeSettings) {
        String yaml = """
                instance:
                  name: %s
                  domain: %s
                portal:
                  name: Test Hosting
                  ticket-url: %s{ticket}
                  new-ticket-url: https://portal.hosting.test/submitticket.php
                  signup-url: https://portal.hosting.test/register.php
                  client-area-url: https://portal.hosting.test/clientarea.php
                store:
                  %s
                smtp:
                  host: 127.0.0.1
                  port: %d
                  connect-timeout: 5s
                  timeout: 10s
                sender:
                  from: "Test Hosting Support <%s>"
                signing:
                  active-key: e2e1
                  keys:
                    - id: e2e1
                      secret: e2e-secret-only-for-tests-0123456789-abcdefgh
                delivery:
                  interval: %s
                notifications:
                  time-zone: %s
                """.formatted(INSTANCE, DOMAIN, TICKET_URL, storeSettings, smtpPort, FROM_ADDRESS,
                deliveryInterval, TIME_ZONE);
        Path file = folder.resolve("replygate.yaml");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Writes the configuration of a replygate that delivers through {@code greenMail}'s SMTP and reads
     * the support mailbox over its IMAP, and loads it.
     */
    public static ReplygateConfig loadWithSupportMailbox(Path folder, GreenMail greenMail) {
        Path file = write(folder, greenMail.getSmtp().getPort());
        appendSupportMailbox(file, greenMail.getImap().getPort(), "", "");
        return ConfigFiles.load(file).config();
    }

    /**
     * Appends {@code yaml} (top-level keys) and one IMAP mailbox {@code support} at {@link #FROM_ADDRESS}
     * on a loopback server at {@code imapPort}, without TLS, login and password its address (GreenMail's
     * test users), with {@code mailboxKeys} (indented lines) added to it.
     */
    public static void appendSupportMailbox(Path config, int imapPort, String mailboxKeys, String yaml) {
        String mailbox = """
                mailboxes:
                  - name: support
                    host: 127.0.0.1
                    port: %d
                    security: none
                    username: %s
                    password: %s
                    addresses: [%s]
                """.formatted(imapPort, FROM_ADDRESS, FROM_ADDRESS, FROM_ADDRESS);
        try {
            Files.writeString(config, mailbox + mailboxKeys + yaml, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One item of {@code mailboxes:} (indented for the list): an IMAP mailbox on 127.0.0.1 with
     * {@code loginLines} (indented keys such as {@code password: …} or an {@code oauth2:} section).
     */
    public static String mailboxItem(String name, int port, String security, String username, String loginLines) {
        return """
                  - name: %s
                    host: 127.0.0.1
                    port: %d
                    security: %s
                    username: %s
                    addresses: [%s]
                """.formatted(name, port, security, username, username) + loginLines;
    }
}
