package dev.replygate.inbound;

import dev.replygate.app.ConfigFiles;
import dev.replygate.config.ReplygateConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration file of one replygate instance in an end-to-end test: its own H2 file store in
 * {@code dir}, delivering through the {@link MailWorld}'s SMTP server and reading mailboxes on it.
 */
final class InstanceConfig {

    private final Path dir;
    private final MailWorld mail;
    private String name = "rg-test";
    private String domain = "hosting.test";
    private String from = "support@hosting.test";
    private String signingSecret = "e2e-secret-e2e-secret-e2e-secret-0123456789";
    private final List<String> trustedAuthservIds = new ArrayList<>();
    private final List<String> mailboxes = new ArrayList<>();
    private final List<String> inboundKeys = new ArrayList<>();
    private String smtpTimeouts = "";
    private String delivery = "";
    private String store;

    InstanceConfig(Path dir, MailWorld mail) {
        this.dir = dir;
        this.mail = mail;
    }

    InstanceConfig name(String name, String domain) {
        this.name = name;
        this.domain = domain;
        return this;
    }

    /** The From of notifications and answers. */
    InstanceConfig from(String address) {
        this.from = address;
        return this;
    }

    InstanceConfig signingSecret(String secret) {
        this.signingSecret = secret;
        return this;
    }

    InstanceConfig trust(String authservId) {
        trustedAuthservIds.add(authservId);
        return this;
    }

    /**
     * Trusts {@code authservId} for mail sent to GreenMail over SMTP: GreenMail's delivery adds one
     * Received line above the Authentication-Results the test wrote as our MX's, as an LMTP hop would.
     */
    InstanceConfig trustDeliveredOverSmtp(String authservId) {
        return trust(authservId).inbound("own-received-lines: 1");
    }

    /** More keys of the {@code inbound} section, as YAML lines indented for it. */
    InstanceConfig inbound(String yamlLines) {
        inboundKeys.add(yamlLines.stripTrailing().indent(2));
        return this;
    }

    /** The {@code delivery} section's keys, as YAML lines (not indented). */
    InstanceConfig delivery(String yamlLines) {
        delivery = "delivery:\n" + yamlLines.stripTrailing().indent(2);
        return this;
    }

    /** Another store than the H2 file in the instance's folder: {@code store}'s keys in YAML flow style. */
    InstanceConfig store(String url, String username) {
        this.store = "{url: \"" + url + "\", username: \"" + username + "\"}";
        return this;
    }

    InstanceConfig smtpTimeouts(String connect, String command) {
        smtpTimeouts = "  connect-timeout: " + connect + "\n  timeout: " + command + "\n";
        return this;
    }

    /** An IMAP mailbox on the mail world read with login {@code address}, answering for {@code address}. */
    InstanceConfig imapMailbox(String mailboxName, String address, String extraKeys) {
        return mailbox(mailboxName, "imap", mail.imapPort(), address, extraKeys);
    }

    InstanceConfig pop3Mailbox(String mailboxName, String address, String extraKeys) {
        return mailbox(mailboxName, "pop3", mail.pop3Port(), address, extraKeys);
    }

    private InstanceConfig mailbox(String mailboxName, String protocol, int port, String address, String extraKeys) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("  - name: ").append(mailboxName).append('\n')
                .append("    protocol: ").append(protocol).append('\n')
                .append("    host: ").append(MailWorld.HOST).append('\n')
                .append("    port: ").append(port).append('\n')
                .append("    security: none\n")
                .append("    username: \"").append(address).append("\"\n")
                .append("    password: \"").append(MailWorld.password(address)).append("\"\n")
                .append(protocol.equals("imap") ? "    idle: false\n" : "")
                .append("    addresses: [\"").append(address).append("\"]\n");
        for (String line : extraKeys.strip().split("\n")) {
            if (!line.isBlank()) {
                yaml.append("    ").append(line).append('\n');
            }
        }
        mailboxes.add(yaml.toString());
        return this;
    }

    Path storeFile() {
        return dir.resolve("store").resolve(name).toAbsolutePath();
    }

    String jdbcUrl() {
        return "jdbc:h2:file:" + storeFile();
    }

    /** Writes {@code replygate.yaml} into the instance's folder and returns it. */
    Path write() {
        String yaml = """
                instance: {name: %s, domain: %s}
                portal:
                  name: Test Hosting
                  ticket-url: https://portal.%s/viewticket.php?tid={ticket}
                  new-ticket-url: https://portal.%s/submitticket.php
                  signup-url: https://portal.%s/register.php
                  client-area-url: https://portal.%s/clientarea.php
                store: %s
                smtp:
                  host: %s
                  port: %d
                %s%ssender: {from: "Test Hosting Support <%s>"}
                signing:
                  active-key: k1
                  keys: [{id: k1, secret: %s}]
                inbound:
                  trusted-authserv-ids: [%s]
                %smailboxes:%s""".formatted(name, domain, domain, domain, domain, domain,
                store != null ? store : "{url: \"" + jdbcUrl() + "\"}", MailWorld.HOST,
                mail.smtpPort(), smtpTimeouts, delivery, from, signingSecret, String.join(", ", trustedAuthservIds),
                String.join("", inboundKeys), mailboxes.isEmpty() ? " []\n" : "\n" + String.join("", mailboxes));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("replygate.yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration as replygate loads it from the written file. */
    ReplygateConfig load() {
        return ConfigFiles.load(write()).config();
    }
}
