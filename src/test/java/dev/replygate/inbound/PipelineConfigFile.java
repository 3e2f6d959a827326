package dev.replygate.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration of an inbound stage that tests feed messages by hand: an H2 store in a folder of
 * the test's, one mailbox ({@value #SUPPORT}) that is never connected to, and the given {@code inbound}
 * keys.
 */
public final class PipelineConfigFile {

    public static final String SUPPORT = "support@hosting.test";

    private PipelineConfigFile() {
    }

    /** Writes {@code replygate.yaml} into {@code dir}; {@code inboundYaml} holds the keys of {@code inbound:}. */
    public static Path write(Path dir, String inboundYaml) throws IOException {
        return write(dir, inboundYaml, """
                protocol: imap
                port: 143""");
    }

    /**
     * Writes {@code replygate.yaml} into {@code dir}; {@code inboundYaml} holds the keys of {@code inbound:},
     * {@code mailboxYaml} those of the mailbox besides its name, host, security, login and addresses.
     */
    public static Path write(Path dir, String inboundYaml, String mailboxYaml) throws IOException {
        Path file = dir.resolve("replygate.yaml");
        Files.writeString(file, """
                instance: {name: rg-test, domain: hosting.test}
                portal:
                  name: Test Hosting
                  ticket-url: https://portal.hosting.test/t/{ticket}
                  new-ticket-url: https://portal.hosting.test/new
                  signup-url: https://portal.hosting.test/signup
                  client-area-url: https://portal.hosting.test/
                store: {url: "jdbc:h2:file:%s"}
                sender: {from: "Test Support <%s>"}
                signing:
                  active-key: k1
                  keys: [{id: k1, secret: test-secret-test-secret-test-secret-42}]
                inbound:
                %s
                mailboxes:
                  - name: support
                    host: 127.0.0.1
                    security: none
                    username: support
                    password: secret
                    addresses: [%s]
                %s
                """.formatted(dir.resolve("db").toAbsolutePath(), SUPPORT,
                inboundYaml.stripTrailing().indent(2).stripTrailing(), SUPPORT,
                mailboxYaml.stripTrailing().indent(4).stripTrailing()));
        return file;
    }
}
