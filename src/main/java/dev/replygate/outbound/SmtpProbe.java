package dev.replygate.outbound;

import dev.replygate.address.MailAddress;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.config.SmtpConfig;
import dev.replygate.signing.LoopHeader;
import dev.replygate.oauth2.AccessTokens;
import dev.replygate.oauth2.TokenException;
import dev.replygate.probe.FailureDiagnosis;
import dev.replygate.probe.HostResolution;
import dev.replygate.probe.ProbeFailure;
import dev.replygate.probe.ProbeReport;
import dev.replygate.probe.TlsSessionRecorder;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code replygate smtp test}: resolves, connects, shows the TLS session, logs in and lists the
 * relay's extensions; with a test mail, sends it as notifications go (the configured From and
 * envelope sender) and shows the relay's answer. Nothing else is sent.
 */
public final class SmtpProbe {

    private static final List<String> EXTENSIONS = List.of("STARTTLS", "AUTH", "SIZE", "8BITMIME", "SMTPUTF8",
            "DSN", "PIPELINING");

    /**
     * The one mail {@code smtp test --send-to} sends.
     *
     * @param raw          the message, composed as notifications are
     * @param envelopeFrom the envelope sender
     * @param recipient    the one recipient
     */
    public record ProbeMail(byte[] raw, String envelopeFrom, String recipient) {
    }

    private SmtpProbe() {
    }

    /** A short text mail from the configured sender to {@code to}, marked automatic. */
    public static ProbeMail probeMail(ReplygateConfig config, MailAddress to, Clock clock) {
        String messageId = "smtp-test." + UUID.randomUUID() + "@" + config.instance().domain();
        OutgoingMail mail = new OutgoingMail(messageId, config.sender().from(), null, to,
                "replygate SMTP test from " + config.instance().name(),
                "This mail was sent by `replygate smtp test` to check the SMTP relay. No answer is needed.",
                null, "en", null, List.of(), AutoSubmitted.AUTO_GENERATED);
        byte[] raw = new MailComposer(LoopHeader.of(config.instance()), clock).compose(mail);
        return new ProbeMail(raw, config.sender().envelopeFrom().address(), to.address());
    }

    public static ProbeReport test(SmtpConfig config, Optional<ProbeMail> mail) {
        String protocol = SmtpRelay.protocolOf(config);
        String server = config.host() + ":" + config.port();
        ProbeReport report = new ProbeReport("smtp relay " + server + " (security "
                + config.security().name().toLowerCase(Locale.ROOT) + ")");
        if (!HostResolution.resolve(report, config.host())) {
            return report;
        }
        TlsSessionRecorder tls = new TlsSessionRecorder();
        Properties properties = SmtpRelay.properties(config, protocol);
        properties.put("mail." + protocol + ".ssl.socketFactory", tls);
        Session session = Session.getInstance(properties);
        SMTPTransport transport;
        try {
            transport = (SMTPTransport) session.getTransport(protocol);
            if (SmtpRelay.logsIn(config)) {
                transport.connect(config.host(), config.port(), config.username(), SmtpRelay.secret(config));
            } else {
                transport.connect(config.host(), config.port(), null, null);
            }
        } catch (TokenException e) {
            return report.fail("token", ProbeFailure.TOKEN_REJECTED, e.getMessage());
        } catch (MessagingException e) {
            config.oauth2().ifPresent(oauth2 -> AccessTokens.of(oauth2).rejected());
            return FailureDiagnosis.connectFailed(report, e, server, config.username(), config.oauth2().isPresent());
        }
        try {
            report.found("connect", "connected to " + server);
            report.found("tls", config.security() == SmtpConfig.SmtpSecurity.NONE ? "none (security: none)"
                    : tls.describeSession(config.host()).orElse("none"));
            report.found("login", SmtpRelay.logsIn(config) ? "logged in as " + config.username()
                    + (config.oauth2().isPresent() ? " with an OAuth2 token (XOAUTH2)" : "")
                    : "no login (no username configured)");
            report.found("extensions", extensions(transport));
            if (mail.isEmpty()) {
                report.found("send", "no test mail (--send-to ADDRESS sends one)");
                return report;
            }
            return send(transport, session, mail.get(), report);
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the test's findings stand; a failed QUIT changes none of them
            }
        }
    }

    private static String extensions(SMTPTransport transport) {
        List<String> found = new ArrayList<>();
        for (String extension : EXTENSIONS) {
            if (transport.supportsExtension(extension)) {
                String parameter = transport.getExtensionParameter(extension);
                found.add(parameter == null || parameter.isBlank() ? extension : extension + " " + parameter.strip());
            }
        }
        return found.isEmpty() ? "none (the server answered HELO, not EHLO)" : String.join(", ", found);
    }

    private static ProbeReport send(SMTPTransport transport, Session session, ProbeMail mail, ProbeReport report) {
        try {
            SMTPMessage message = new SMTPMessage(session, new ByteArrayInputStream(mail.raw()));
            message.setEnvelopeFrom(mail.envelopeFrom());
            transport.sendMessage(message, new Address[] {new InternetAddress(mail.recipient(), true)});
            report.found("send", "test mail to " + mail.recipient() + " (envelope sender " + mail.envelopeFrom()
                    + ") accepted: " + firstLine(transport.getLastServerResponse()));
            return report;
        } catch (MessagingException e) {
            SmtpFailure failure = SmtpFailure.of(e);
            return report.fail("send", failure.permanent() ? ProbeFailure.RECIPIENT_REFUSED : ProbeFailure.OTHER,
                    "test mail to " + mail.recipient() + " (envelope sender " + mail.envelopeFrom()
                            + ") not accepted: " + failure.text());
        }
    }

    private static String firstLine(String response) {
        if (response == null) {
            return "";
        }
        int end = response.indexOf('\n');
        return (end < 0 ? response : response.substring(0, end)).strip();
    }
}
