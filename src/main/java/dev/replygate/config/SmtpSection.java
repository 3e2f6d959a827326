package dev.replygate.config;

import dev.replygate.config.SmtpConfig.SmtpSecurity;

import java.time.Duration;

/** Binds {@code smtp}. A login must not cross the network in clear. */
final class SmtpSection {

    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private SmtpSection() {
    }

    static SmtpConfig bind(MappingReader section) {
        ValueParser<Duration> timeout = ValueParsers.positiveDuration(MAX_TIMEOUT);
        SmtpConfig smtp = new SmtpConfig(
                section.optional("host", "localhost", ValueParsers.host()),
                section.optional("port", 25, ValueParsers.port()),
                section.optional("security", SmtpSecurity.NONE, ValueParsers.oneOf(SmtpSecurity.class)),
                section.optional("username", "", ValueParsers.text()),
                section.secret("password"),
                section.optional("connect-timeout", Duration.ofSeconds(10), timeout),
                section.optional("timeout", Duration.ofSeconds(30), timeout),
                section.optional("helo-name", "", ValueParsers.hostnameOrEmpty()),
                OAuth2Section.bindOptional(section, "oauth2"));
        if (smtp.oauth2().isPresent() && !smtp.password().isEmpty()) {
            section.rejectSecret("password", "is set and so is " + section.pathOf("oauth2") + "; give one of them");
        }
        if (section.isGiven("oauth2") && smtp.username().isEmpty() && section.isValid("username")) {
            section.reject("username", "is needed with " + section.pathOf("oauth2") + ": the mailbox that sends");
        }
        if (!smtp.password().isEmpty() && smtp.username().isEmpty() && section.isValid("username")) {
            section.rejectSecret("password", "is set but " + section.pathOf("username") + " is empty");
        }
        if (!smtp.username().isEmpty() && smtp.security() == SmtpSecurity.NONE
                && section.isValid("host", "security") && !Hostnames.isLoopback(smtp.host())) {
            section.reject("username", "the login would cross the network in clear to " + smtp.host()
                    + "; set " + section.pathOf("security") + " to starttls or smtps");
        }
        return smtp;
    }
}
