package dev.replygate.config;

import dev.replygate.address.MailAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One mailbox replygate reads.
 *
 * @param name         short name in logs, metrics and the store; unique
 * @param protocol     imap or pop3
 * @param host         server host
 * @param port         server port
 * @param security     none (only sensible on loopback), starttls or tls
 * @param username     login
 * @param password     secret for the login
 * @param folder       the IMAP folder read; INBOX for POP3
 * @param pollInterval how often the mailbox is read
 * @param idle         IMAP: also wait for new mail with IDLE where the server offers it
 * @param batchSize    messages fetched, and dispositions applied, per round trip
 * @param shadow       record what would be done, send nothing, change nothing on the server
 * @param newMail      what mail that is not a reply to a ticket gets
 * @param addresses    this mailbox's own addresses; mail not addressed to one of them is not answered
 * @param disposition  where processed messages go
 * @param oauth2       log in with XOAUTH2 and tokens from here instead of the password (then empty)
 * @param batchesPerRun batches a daemon's poll run reads at most before it leaves the rest to the mailbox's
 *                     next run, asked for at once and taken by whichever node is free
 */
public record MailboxConfig(String name, Protocol protocol, String host, int port, Security security,
                            String username, Secret password, String folder, Duration pollInterval, boolean idle,
                            int batchSize, boolean shadow, NewMail newMail, List<MailAddress> addresses,
                            DispositionConfig disposition, Optional<OAuth2Config> oauth2, int batchesPerRun) {

    /**
     * Messages per batch when {@code batch-size} is not given. Each batch costs the server a command per
     * disposition folder, and Dovecot's cost of one grows with the folders' sizes: 100 a batch made Dovecot spend
     * twice the CPU of 500 over a backlog of 5 000 (bench/README.md, "The batch size, and bodies of up to 1 MiB
     * prefetched").
     */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Batches a poll run reads at most when {@code batches-per-run} is not given: a daemon's part of a backlog is 1 000. */
    public static final int DEFAULT_BATCHES_PER_RUN = 2;

    /** A mailbox whose runs read {@link #DEFAULT_BATCHES_PER_RUN} batches at most. */
    public MailboxConfig(String name, Protocol protocol, String host, int port, Security security, String username,
                         Secret password, String folder, Duration pollInterval, boolean idle, int batchSize,
                         boolean shadow, NewMail newMail, List<MailAddress> addresses, DispositionConfig disposition,
                         Optional<OAuth2Config> oauth2) {
        this(name, protocol, host, port, security, username, password, folder, pollInterval, idle, batchSize, shadow,
                newMail, addresses, disposition, oauth2, DEFAULT_BATCHES_PER_RUN);
    }

    /** A mailbox that logs in with its password. */
    public MailboxConfig(String name, Protocol protocol, String host, int port, Security security, String username,
                         Secret password, String folder, Duration pollInterval, boolean idle, int batchSize,
                         boolean shadow, NewMail newMail, List<MailAddress> addresses, DispositionConfig disposition) {
        this(name, protocol, host, port, security, username, password, folder, pollInterval, idle, batchSize, shadow,
                newMail, addresses, disposition, Optional.empty());
    }

    public enum Protocol {
        IMAP, POP3
    }

    public enum Security {
        NONE, STARTTLS, TLS
    }

    /** What a new request (mail that is not a reply to a ticket) gets. */
    public enum NewMail {
        /** An answer that links to the portal's new-ticket page. */
        REDIRECT,
        /** Nothing. */
        IGNORE
    }
}
