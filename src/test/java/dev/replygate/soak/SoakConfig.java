package dev.replygate.soak;

import dev.replygate.cli.TestConfigFile;
import dev.replygate.testsupport.DovecotServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The soak's replygate.yaml: the end-to-end tests' configuration on the store given, with one IMAP mailbox
 * on the test Dovecot, our MX's authserv-id trusted and the hourly answer caps out of the way.
 */
final class SoakConfig {

    private SoakConfig() {
    }

    /** {@code storeSettings}: the lines of the {@code store:} section, indented by two after the first. */
    static Path write(Path folder, String storeSettings, int imapPort, int smtpPort) {
        Path file = TestConfigFile.write(folder, smtpPort, "1s", storeSettings);
        String mailbox = """
                mailboxes:
                  - name: support
                    protocol: imap
                    host: 127.0.0.1
                    port: %d
                    security: none
                    username: %s
                    password: %s
                    poll-interval: 1s
                    batch-size: 20
                    addresses: [%s]
                inbound:
                  trusted-authserv-ids: [%s]
                  max-answers-per-mailbox-per-hour: 100000
                  max-answers-per-domain-per-hour: 100000
                  subject-patterns:
                    - name: soak
                      pattern: '\\[Ticket #(?<ticket>\\d+)\\]'
                """.formatted(imapPort, DovecotServer.USER, DovecotServer.PASSWORD, SoakMail.SUPPORT,
                SoakMail.AUTHSERV_ID);
        try {
            Files.writeString(file, mailbox, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
