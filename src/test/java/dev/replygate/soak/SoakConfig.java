package dev.replygate.soak;

import dev.replygate.testsupport.DovecotServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The soak's replygate.yaml: one IMAP mailbox on the test Dovecot, SMTP to the test server, limits out of the way. */
final class SoakConfig {

    private SoakConfig() {
    }

    /** {@code storeSettings}: the lines of the {@code store:} section, indented by two after the first. */
    static Path write(Path folder, String storeSettings, int imapPort, int smtpPort) {
        String yaml = """
                instance:
                  name: soak
                  domain: hosting.test
                portal:
                  name: Soak Hosting
                  ticket-url: https://portal.hosting.test/viewticket.php?tid={ticket}
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
                  from: "Soak Hosting Support <%s>"
                signing:
                  active-key: soak1
                  keys:
                    - id: soak1
                      secret: soak-secret-only-for-tests-0123456789-abcdefgh
                delivery:
                  interval: 1s
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
                """.formatted(storeSettings, smtpPort, SoakMail.SUPPORT, imapPort, DovecotServer.USER,
                DovecotServer.PASSWORD, SoakMail.SUPPORT, SoakMail.AUTHSERV_ID);
        Path file = folder.resolve("replygate.yaml");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
