package dev.replygate.config;

import dev.replygate.address.MailAddress;
import dev.replygate.config.MailboxConfig.NewMail;
import dev.replygate.config.MailboxConfig.Protocol;
import dev.replygate.config.MailboxConfig.Security;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Binds {@code mailboxes}: unique names, a port that fits protocol and security, no key that does
 * not fit the protocol, and no login in clear over the network.
 */
final class MailboxSection {

    static final String INBOX = "INBOX";
    private static final Duration MAX_POLL_INTERVAL = Duration.ofDays(1);
    private static final int MAX_BATCH_SIZE = 10_000;
    private static final int MAX_BATCHES_PER_RUN = 100_000;

    private final Set<String> namesSoFar = new HashSet<>();

    private MailboxSection() {
    }

    static List<MailboxConfig> bind(MappingReader root) {
        return root.mappingList("mailboxes", List.of(), new MailboxSection()::mailbox);
    }

    /**
     * The value of an IMAP-only {@code key}: {@code pop3Value} for a POP3 mailbox, where writing the
     * key is a problem.
     */
    static <T> T imapOnly(MappingReader item, String key, T fallback, T pop3Value, ValueParser<T> parser,
                          Protocol protocol, boolean protocolValid) {
        T value = item.optional(key, fallback, parser);
        if (protocol == Protocol.IMAP) {
            return value;
        }
        if (protocolValid && item.isGiven(key)) {
            item.reject(key, "is for imap mailboxes only; this one is pop3");
        }
        return pop3Value;
    }

    private Optional<MailboxConfig> mailbox(MappingReader item) {
        Optional<String> name = item.required("name", ValueParsers.mailboxName());
        Protocol protocol = item.optional("protocol", Protocol.IMAP, ValueParsers.oneOf(Protocol.class));
        boolean protocolValid = item.isValid("protocol");
        Optional<String> host = item.required("host", ValueParsers.host());
        Security security = item.optional("security", Security.TLS, ValueParsers.oneOf(Security.class));
        int port = item.optional("port", defaultPort(protocol, security), ValueParsers.port());
        Optional<String> username = item.required("username", ValueParsers.nonEmptyText());
        Optional<OAuth2Config> oauth2 = OAuth2Section.bindOptional(item, "oauth2");
        Optional<Secret> password = item.isGiven("oauth2") ? Optional.of(item.secret("password"))
                : item.requiredSecret("password");
        String folder = imapOnly(item, "folder", INBOX, INBOX, ValueParsers.folderName(), protocol, protocolValid);
        Duration pollInterval = item.optional("poll-interval", Duration.ofMinutes(1),
                ValueParsers.positiveDuration(MAX_POLL_INTERVAL));
        boolean idle = imapOnly(item, "idle", true, false, ValueParsers.bool(), protocol, protocolValid);
        int batchSize = item.optional("batch-size", MailboxConfig.DEFAULT_BATCH_SIZE,
                ValueParsers.intBetween(1, MAX_BATCH_SIZE));
        int batchesPerRun = item.optional("batches-per-run", MailboxConfig.DEFAULT_BATCHES_PER_RUN,
                ValueParsers.intBetween(1, MAX_BATCHES_PER_RUN));
        boolean shadow = item.optional("shadow", false, ValueParsers.bool());
        NewMail newMail = item.optional("new-mail", NewMail.REDIRECT, ValueParsers.oneOf(NewMail.class));
        Optional<List<MailAddress>> addresses = distinct(item,
                item.requiredList("addresses", ValueParsers.mailAddress()));
        DispositionConfig disposition = item.section("disposition",
                section -> DispositionSection.bind(section, protocol, protocolValid, folder));

        if (oauth2.isPresent() && !password.orElse(Secret.empty()).isEmpty()) {
            item.rejectSecret("password", "is set and so is " + item.pathOf("oauth2") + "; give one of them");
            return Optional.empty();
        }
        if (name.isPresent() && !namesSoFar.add(name.get())) {
            item.reject("name", "`" + name.get() + "` is the name of an earlier mailbox too");
            return Optional.empty();
        }
        if (host.isPresent() && username.isPresent() && security == Security.NONE
                && item.isValid("security") && !Hostnames.isLoopback(host.get())) {
            item.reject("username", "the login would cross the network in clear to " + host.get() + "; set "
                    + item.pathOf("security") + " to starttls or tls");
            return Optional.empty();
        }
        if (name.isEmpty() || host.isEmpty() || username.isEmpty() || password.isEmpty() || addresses.isEmpty()
                || item.isGiven("oauth2") && oauth2.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MailboxConfig(name.get(), protocol, host.get(), port, security, username.get(),
                password.get(), folder, pollInterval, idle, batchSize, shadow, newMail, addresses.get(), disposition,
                oauth2, batchesPerRun));
    }

    private static int defaultPort(Protocol protocol, Security security) {
        boolean tls = security == Security.TLS;
        return switch (protocol) {
            case IMAP -> tls ? 993 : 143;
            case POP3 -> tls ? 995 : 110;
        };
    }

    private static Optional<List<MailAddress>> distinct(MappingReader item, Optional<List<MailAddress>> addresses) {
        if (addresses.isEmpty()) {
            return addresses;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (MailAddress address : addresses.get()) {
            if (!seen.add(address.address().toLowerCase(Locale.ROOT))) {
                item.reject("addresses", "lists `" + address.address() + "` more than once");
                return Optional.empty();
            }
        }
        return addresses;
    }
}
