package dev.replygate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The config in effect, one {@code key.path = value} line per key in the order of replygate.yaml,
 * for logging once at start. Secrets and passwords in JDBC URLs show as {@value Secret#MASK}.
 */
public final class EffectiveConfig {

    private final List<String> lines = new ArrayList<>();

    private EffectiveConfig() {
    }

    public static List<String> describe(ReplygateConfig config) {
        EffectiveConfig effective = new EffectiveConfig();
        effective.instance(config.instance());
        effective.portal(config.portal());
        effective.store(config.store());
        effective.smtp(config.smtp());
        effective.sender(config.sender());
        effective.signing(config.signing());
        effective.delivery(config.delivery());
        effective.notifications(config.notifications());
        effective.line("templates.directory", config.templates().directory());
        effective.mailboxes(config.mailboxes());
        effective.inbound(config.inbound());
        effective.http(config.http());
        effective.line("retention.records", config.retention().records());
        effective.line("retention.sent-outbox", config.retention().sentOutbox());
        effective.line("retention.batch-size", config.retention().batchSize());
        effective.digests(config.digests());
        return List.copyOf(effective.lines);
    }

    private void instance(InstanceConfig instance) {
        line("instance.name", instance.name());
        line("instance.domain", instance.domain());
        line("instance.check-in-interval", instance.checkInInterval());
    }

    private void portal(PortalConfig portal) {
        line("portal.name", portal.name());
        line("portal.ticket-url", portal.ticketUrl());
        line("portal.new-ticket-url", portal.newTicketUrl());
        line("portal.signup-url", portal.signupUrl());
        line("portal.client-area-url", portal.clientAreaUrl());
        line("portal.admin-ticket-url", portal.adminTicketUrl().orElse(""));
    }

    private void store(StoreConfig store) {
        line("store.url", store.maskedUrl());
        line("store.username", store.username());
        line("store.password", store.password());
        line("store.pool-size", store.poolSize());
    }

    private void smtp(SmtpConfig smtp) {
        line("smtp.host", smtp.host());
        line("smtp.port", smtp.port());
        line("smtp.security", smtp.security().name().toLowerCase(Locale.ROOT));
        line("smtp.username", smtp.username());
        line("smtp.password", smtp.password());
        line("smtp.connect-timeout", smtp.connectTimeout());
        line("smtp.timeout", smtp.timeout());
        line("smtp.helo-name", smtp.heloName());
        smtp.oauth2().ifPresent(oauth2 -> oauth2("smtp.oauth2.", oauth2));
    }

    private void oauth2(String prefix, OAuth2Config oauth2) {
        line(prefix + "token-url", oauth2.tokenUrl());
        line(prefix + "client-id", oauth2.clientId());
        line(prefix + "client-secret", oauth2.clientSecret());
        line(prefix + "refresh-token", oauth2.refreshToken());
        line(prefix + "scopes", oauth2.scopes());
    }

    private void sender(SenderConfig sender) {
        line("sender.from", sender.from());
        line("sender.reply-to", sender.replyTo());
        line("sender.reply-to-token", sender.replyToToken());
        line("sender.envelope-from", sender.envelopeFrom());
        line("sender.own-addresses", sender.ownAddresses());
    }

    private void signing(SigningConfig signing) {
        line("signing.active-key", signing.activeKey());
        for (int i = 0; i < signing.keys().size(); i++) {
            line("signing.keys[" + i + "].id", signing.keys().get(i).id());
            line("signing.keys[" + i + "].secret", signing.keys().get(i).secret());
        }
    }

    private void delivery(DeliveryConfig delivery) {
        line("delivery.interval", delivery.interval());
        line("delivery.batch-size", delivery.batchSize());
        line("delivery.initial-backoff", delivery.initialBackoff());
        line("delivery.max-backoff", delivery.maxBackoff());
        line("delivery.max-age", delivery.maxAge());
    }

    private void notifications(NotificationsConfig notifications) {
        line("notifications.default-locale", notifications.defaultLocale());
        line("notifications.locales", notifications.locales());
        line("notifications.time-zone", notifications.timeZone().getId());
        for (Map.Entry<String, String> event : notifications.events().entrySet()) {
            line("notifications.events." + event.getKey(), event.getValue());
        }
    }

    private void mailboxes(List<MailboxConfig> mailboxes) {
        if (mailboxes.isEmpty()) {
            line("mailboxes", mailboxes);
        }
        for (int i = 0; i < mailboxes.size(); i++) {
            mailbox("mailboxes[" + i + "].", mailboxes.get(i));
        }
    }

    private void mailbox(String prefix, MailboxConfig mailbox) {
        boolean imap = mailbox.protocol() == MailboxConfig.Protocol.IMAP;
        line(prefix + "name", mailbox.name());
        line(prefix + "protocol", lowerCase(mailbox.protocol()));
        line(prefix + "host", mailbox.host());
        line(prefix + "port", mailbox.port());
        line(prefix + "security", lowerCase(mailbox.security()));
        line(prefix + "username", mailbox.username());
        line(prefix + "password", mailbox.password());
        mailbox.oauth2().ifPresent(oauth2 -> oauth2(prefix + "oauth2.", oauth2));
        if (imap) {
            line(prefix + "folder", mailbox.folder());
        }
        line(prefix + "poll-interval", mailbox.pollInterval());
        if (imap) {
            line(prefix + "idle", mailbox.idle());
        }
        line(prefix + "batch-size", mailbox.batchSize());
        line(prefix + "batches-per-run", mailbox.batchesPerRun());
        line(prefix + "shadow", mailbox.shadow());
        line(prefix + "new-mail", lowerCase(mailbox.newMail()));
        line(prefix + "addresses", mailbox.addresses());
        DispositionConfig disposition = mailbox.disposition();
        line(prefix + "disposition.mode", lowerCase(disposition.mode()));
        if (imap) {
            line(prefix + "disposition.redirected", disposition.redirected());
            line(prefix + "disposition.ignored", disposition.ignored());
            line(prefix + "disposition.quarantined", disposition.quarantined());
            line(prefix + "disposition.keyword-prefix", disposition.keywordPrefix());
        }
    }

    private void inbound(InboundConfig inbound) {
        line("inbound.trusted-authserv-ids", inbound.trustedAuthservIds());
        line("inbound.own-received-lines", inbound.ownReceivedLines());
        line("inbound.reply-window", inbound.replyWindow());
        line("inbound.max-answers-per-sender-per-day", inbound.maxAnswersPerSenderPerDay());
        line("inbound.max-answers-per-mailbox-per-hour", inbound.maxAnswersPerMailboxPerHour());
        line("inbound.max-answers-per-domain-per-hour", inbound.maxAnswersPerDomainPerHour());
        if (inbound.subjectPatterns().isEmpty()) {
            line("inbound.subject-patterns", inbound.subjectPatterns());
        }
        for (int i = 0; i < inbound.subjectPatterns().size(); i++) {
            line("inbound.subject-patterns[" + i + "].name", inbound.subjectPatterns().get(i).name());
            line("inbound.subject-patterns[" + i + "].pattern", inbound.subjectPatterns().get(i).pattern().pattern());
        }
        if (inbound.spamHeaders().isEmpty()) {
            line("inbound.spam-headers", inbound.spamHeaders());
        }
        for (int i = 0; i < inbound.spamHeaders().size(); i++) {
            line("inbound.spam-headers[" + i + "].header", inbound.spamHeaders().get(i).header());
            line("inbound.spam-headers[" + i + "].pattern", inbound.spamHeaders().get(i).pattern().pattern());
        }
        line("inbound.max-text-bytes", inbound.maxTextBytes());
        line("inbound.max-attempts", inbound.maxAttempts());
    }

    private void http(HttpServerConfig http) {
        line("http.enabled", http.enabled());
        line("http.bind-address", http.bindAddress());
        line("http.port", http.port());
        if (http.tokens().isEmpty()) {
            line("http.tokens", http.tokens());
        }
        for (int i = 0; i < http.tokens().size(); i++) {
            line("http.tokens[" + i + "].name", http.tokens().get(i).name());
            line("http.tokens[" + i + "].token", http.tokens().get(i).token());
            line("http.tokens[" + i + "].requests-per-minute", http.tokens().get(i).requestsPerMinute());
        }
        http.basicAuth().ifPresent(auth -> {
            line("http.basic-auth.username", auth.username());
            line("http.basic-auth.password", auth.password());
        });
    }

    private void digests(List<DigestConfig> digests) {
        if (digests.isEmpty()) {
            line("digests", digests);
        }
        for (int i = 0; i < digests.size(); i++) {
            DigestConfig digest = digests.get(i);
            String at = "digests[" + i + "].";
            line(at + "name", digest.name());
            line(at + "cron", digest.cron());
            line(at + "time-zone", digest.timeZone());
            line(at + "recipients", digest.recipients());
            line(at + "locale", digest.locale());
            line(at + "mailboxes", digest.mailboxes());
            line(at + "empty-period", lowerCase(digest.emptyPeriod()).replace('_', '-'));
            line(at + "list-limit", digest.listLimit());
        }
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private void line(String keyPath, Object value) {
        lines.add(keyPath + " = " + format(value));
    }

    private static String format(Object value) {
        if (value instanceof Secret secret) {
            return secret.isEmpty() ? "\"\"" : Secret.MASK;
        }
        if (value instanceof Duration duration) {
            return Durations.format(duration);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(EffectiveConfig::format).collect(Collectors.joining(", ", "[", "]"));
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "\"\"" : text;
    }
}
