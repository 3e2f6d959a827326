package dev.replygate.outbound;

import dev.replygate.config.SmtpConfig;
import dev.replygate.oauth2.AccessTokens;
import dev.replygate.oauth2.TokenException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import java.util.Properties;

/**
 * The configured SMTP relay: opens connections to it with the configured security, login and
 * timeouts. STARTTLS is required when configured, never attempted-and-skipped, and the server's
 * certificate must name the host.
 */
public final class SmtpRelay {

    private final SmtpConfig config;
    private final Session session;
    private final String protocol;

    public SmtpRelay(SmtpConfig config) {
        this.config = config;
        this.protocol = protocolOf(config);
        this.session = Session.getInstance(properties(config, protocol));
    }

    SmtpConfig config() {
        return config;
    }

    /** Where mail goes, for logs: {@code host:port (security)}. */
    String describe() {
        return config.host() + ":" + config.port() + " (" + config.security().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /** A connected, logged-in session; close it when the batch is done. */
    SmtpConnection open() throws SmtpConnectException {
        return new SmtpConnection(session, this, connect());
    }

    Transport connect() throws SmtpConnectException {
        Transport transport;
        try {
            transport = session.getTransport(protocol);
        } catch (MessagingException e) {
            throw new IllegalStateException("Angus Mail has no " + protocol + " transport", e);
        }
        try {
            if (!logsIn(config)) {
                transport.connect(config.host(), config.port(), null, null);
            } else {
                transport.connect(config.host(), config.port(), config.username(), secret(config));
            }
            return transport;
        } catch (TokenException e) {
            throw new SmtpConnectException("cannot log in to " + describe() + ": no OAuth2 token: " + e.getMessage(), e);
        } catch (AuthenticationFailedException e) {
            config.oauth2().ifPresent(oauth2 -> AccessTokens.of(oauth2).rejected());
            throw new SmtpConnectException("cannot connect to " + describe() + ": " + (config.oauth2().isPresent()
                    ? "the OAuth2 token was refused: " : "") + SmtpFailure.describe(e), e);
        } catch (MessagingException e) {
            throw new SmtpConnectException("cannot connect to " + describe() + ": " + SmtpFailure.describe(e), e);
        }
    }

    /** Angus Mail's name of the transport for the relay's security. */
    static String protocolOf(SmtpConfig config) {
        return config.security() == SmtpConfig.SmtpSecurity.SMTPS ? "smtps" : "smtp";
    }

    /** What the login sends as password: the password, or with {@code oauth2} a current access token. */
    static String secret(SmtpConfig config) throws TokenException {
        return config.oauth2().isPresent() ? AccessTokens.of(config.oauth2().get()).current()
                : config.password().reveal();
    }

    static boolean logsIn(SmtpConfig config) {
        return config.username() != null && !config.username().isEmpty();
    }

    static Properties properties(SmtpConfig config, String protocol) {
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "host", config.host());
        properties.setProperty(prefix + "port", String.valueOf(config.port()));
        properties.setProperty(prefix + "connectiontimeout", String.valueOf(config.connectTimeout().toMillis()));
        properties.setProperty(prefix + "timeout", String.valueOf(config.timeout().toMillis()));
        properties.setProperty(prefix + "writetimeout", String.valueOf(config.timeout().toMillis()));
        if (config.heloName() != null && !config.heloName().isEmpty()) {
            properties.setProperty(prefix + "localhost", config.heloName());
        }
        properties.setProperty(prefix + "auth", String.valueOf(logsIn(config)));
        properties.put(prefix + "socketFactory", new NoDelaySockets());
        if (config.oauth2().isPresent()) {
            AccessTokens.useXoauth2(properties, protocol);
        }
        switch (config.security()) {
            case NONE -> {
            }
            case STARTTLS -> {
                properties.setProperty(prefix + "starttls.enable", "true");
                properties.setProperty(prefix + "starttls.required", "true");
                properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
            case SMTPS -> properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }
}
