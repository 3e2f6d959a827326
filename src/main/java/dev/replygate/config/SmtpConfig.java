package dev.replygate.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The SMTP relay replygate delivers through.
 *
 * @param host           relay host
 * @param port           relay port
 * @param security       none (only sensible on loopback), starttls or smtps
 * @param username       login; empty for none
 * @param password       secret for the login
 * @param connectTimeout how long a connection may take
 * @param timeout        how long one SMTP command may take
 * @param heloName       name sent in EHLO; empty for the local host name
 * @param oauth2         log in with XOAUTH2 and tokens from here instead of the password (then empty)
 */
public record SmtpConfig(String host, int port, SmtpSecurity security, String username, Secret password,
                         Duration connectTimeout, Duration timeout, String heloName, Optional<OAuth2Config> oauth2) {

    /** A relay that logs in with its password, or not at all. */
    public SmtpConfig(String host, int port, SmtpSecurity security, String username, Secret password,
                      Duration connectTimeout, Duration timeout, String heloName) {
        this(host, port, security, username, password, connectTimeout, timeout, heloName, Optional.empty());
    }

    public enum SmtpSecurity {
        NONE, STARTTLS, SMTPS
    }
}
