package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.config.MailboxConfig.Protocol;
import dev.replygate.config.MailboxConfig.Security;
import dev.replygate.oauth2.AccessTokens;
import dev.replygate.oauth2.TokenException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/** Jakarta Mail sessions for a mailbox: its security, bounded timeouts, and reading that never sets \Seen. */
final class MailSessions {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    /** Bytes asked for per partial FETCH while a message is streamed: the most of it held at once. */
    static final int IMAP_FETCH_BLOCK = 128 * 1024;

    private MailSessions() {
    }

    /** Connects to the mailbox's server and logs in; {@code readTimeout} bounds every wait for the server. */
    static Store connect(MailboxConfig config, Duration readTimeout) throws MessagingException {
        return connect(config, properties(config, readTimeout));
    }

    /** {@link #connect(MailboxConfig, Duration)} in a session of {@code properties} (see {@link #properties}). */
    static Store connect(MailboxConfig config, Properties properties) throws MessagingException {
        Store store = unconnected(config, properties);
        String server = config.host() + ":" + config.port();
        try {
            store.connect(config.host(), config.port(), config.username(), secret(config));
        } catch (AuthenticationFailedException e) {
            if (config.oauth2().isPresent()) {
                AccessTokens.of(config.oauth2().get()).rejected();
                throw new AuthenticationFailedException("the OAuth2 token for " + config.username() + " was refused by "
                        + server + ": " + Failures.describe(e) + "; check the application's mail permission and scopes");
            }
            throw new AuthenticationFailedException("login as " + config.username() + " refused by " + server + ": "
                    + Failures.describe(e));
        } catch (MessagingException e) {
            throw new MessagingException("cannot connect to " + server + " (security "
                    + config.security().name().toLowerCase(Locale.ROOT) + "): " + Failures.describe(e), e);
        }
        return store;
    }

    /** What the login sends as password: the password, or with {@code oauth2} a current access token. */
    static String secret(MailboxConfig config) throws MessagingException {
        if (config.oauth2().isEmpty()) {
            return config.password().reveal();
        }
        try {
            return AccessTokens.of(config.oauth2().get()).current();
        } catch (TokenException e) {
            throw new MessagingException("mailbox " + config.name() + ": no OAuth2 token: " + e.getMessage(), e);
        }
    }

    /** A store for the mailbox's protocol in a session of {@code properties}, not yet connected. */
    static Store unconnected(MailboxConfig config, Properties properties) throws MessagingException {
        return Session.getInstance(properties).getStore(protocolName(config.protocol()));
    }

    static Properties properties(MailboxConfig config, Duration readTimeout) {
        String prefix = "mail." + protocolName(config.protocol()) + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "connectiontimeout", millis(CONNECT_TIMEOUT));
        properties.setProperty(prefix + "timeout", millis(readTimeout));
        properties.setProperty(prefix + "writetimeout", millis(readTimeout));
        if (config.security() == Security.TLS) {
            properties.setProperty(prefix + "ssl.enable", "true");
        } else if (config.security() == Security.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        if (config.oauth2().isPresent()) {
            AccessTokens.useXoauth2(properties, protocolName(config.protocol()));
        }
        if (config.protocol() == Protocol.IMAP) {
            properties.setProperty(prefix + "peek", "true");
            properties.setProperty(prefix + "partialfetch", "true");
            properties.setProperty(prefix + "fetchsize", Integer.toString(IMAP_FETCH_BLOCK));
        } else {
            // RETR goes to a temporary file instead of the heap; TOP is never needed.
            properties.setProperty(prefix + "filecache.enable", "true");
            properties.setProperty(prefix + "disabletop", "true");
        }
        return properties;
    }

    private static String protocolName(Protocol protocol) {
        return protocol.name().toLowerCase(Locale.ROOT);
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
