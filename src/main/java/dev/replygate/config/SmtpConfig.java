package dev.replygate.config;

import java.time.Duration;

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
 */
public record SmtpConfig(String host, int port, SmtpSecurity security, String username, Secret password,
                         Duration connectTimeout, Duration timeout, String heloName) {

    public enum SmtpSecurity {
        NONE, STARTTLS, SMTPS
    }
}
