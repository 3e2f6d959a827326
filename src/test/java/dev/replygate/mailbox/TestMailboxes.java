package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig;
import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.address.MailAddress;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.MailboxConfig.NewMail;
import dev.replygate.config.MailboxConfig.Protocol;
import dev.replygate.config.MailboxConfig.Security;
import dev.replygate.config.Secret;

import java.time.Duration;
import java.util.List;

/** Mailbox configurations pointing at a {@link TestMailServer}, with the documented defaults otherwise. */
final class TestMailboxes {

    private TestMailboxes() {
    }

    static MailboxConfig imap(TestMailServer server) {
        return imap(server.imapPort(), TestMailServer.ADDRESS, TestMailServer.PASSWORD);
    }

    /** An IMAP mailbox on 127.0.0.1:{@code port} with this login. */
    static MailboxConfig imap(int port, String username, String password) {
        return new MailboxConfig("support", Protocol.IMAP, TestMailServer.LOOPBACK, port, Security.NONE,
                username, Secret.of(password), "INBOX", Duration.ofMinutes(1), true, MailboxConfig.DEFAULT_BATCH_SIZE,
                false, NewMail.REDIRECT, List.of(new MailAddress(TestMailServer.ADDRESS, "")),
                new DispositionConfig(Mode.MOVE, "replygate/Redirected", "replygate/Ignored", "replygate/Quarantine",
                        "replygate-"));
    }

    static MailboxConfig pop3(TestMailServer server) {
        return pop3(server.pop3Port(), TestMailServer.ADDRESS, TestMailServer.PASSWORD);
    }

    /** A POP3 mailbox on 127.0.0.1:{@code port} with this login, its messages kept. */
    static MailboxConfig pop3(int port, String username, String password) {
        return withMode(new MailboxConfig("support-pop", Protocol.POP3, TestMailServer.LOOPBACK, port,
                Security.NONE, username, Secret.of(password), "INBOX",
                Duration.ofMinutes(1), false, MailboxConfig.DEFAULT_BATCH_SIZE, false, NewMail.REDIRECT,
                List.of(new MailAddress(TestMailServer.ADDRESS, "")), imap(port, username, password).disposition()),
                Mode.KEEP);
    }

    static MailboxConfig withMode(MailboxConfig c, Mode mode) {
        DispositionConfig d = c.disposition();
        return new MailboxConfig(c.name(), c.protocol(), c.host(), c.port(), c.security(), c.username(), c.password(),
                c.folder(), c.pollInterval(), c.idle(), c.batchSize(), c.shadow(), c.newMail(), c.addresses(),
                new DispositionConfig(mode, d.redirected(), d.ignored(), d.quarantined(), d.keywordPrefix()));
    }

    static MailboxConfig withShadow(MailboxConfig c, boolean shadow) {
        return new MailboxConfig(c.name(), c.protocol(), c.host(), c.port(), c.security(), c.username(), c.password(),
                c.folder(), c.pollInterval(), c.idle(), c.batchSize(), shadow, c.newMail(), c.addresses(),
                c.disposition());
    }

    static MailboxConfig withBatchSize(MailboxConfig c, int batchSize) {
        return new MailboxConfig(c.name(), c.protocol(), c.host(), c.port(), c.security(), c.username(), c.password(),
                c.folder(), c.pollInterval(), c.idle(), batchSize, c.shadow(), c.newMail(), c.addresses(),
                c.disposition());
    }

    static MailboxConfig withFolder(MailboxConfig c, String folder) {
        return new MailboxConfig(c.name(), c.protocol(), c.host(), c.port(), c.security(), c.username(), c.password(),
                folder, c.pollInterval(), c.idle(), c.batchSize(), c.shadow(), c.newMail(), c.addresses(),
                c.disposition());
    }

    static MailboxConfig withServer(MailboxConfig c, int port, Security security) {
        return new MailboxConfig(c.name(), c.protocol(), c.host(), port, security, c.username(), c.password(),
                c.folder(), c.pollInterval(), c.idle(), c.batchSize(), c.shadow(), c.newMail(), c.addresses(),
                c.disposition());
    }

    /** {@code c} whose runs read {@code batchesPerRun} batches at most; the other {@code with}s reset it to the default. */
    static MailboxConfig withBatchesPerRun(MailboxConfig c, int batchesPerRun) {
        return new MailboxConfig(c.name(), c.protocol(), c.host(), c.port(), c.security(), c.username(), c.password(),
                c.folder(), c.pollInterval(), c.idle(), c.batchSize(), c.shadow(), c.newMail(), c.addresses(),
                c.disposition(), c.oauth2(), batchesPerRun);
    }
}
