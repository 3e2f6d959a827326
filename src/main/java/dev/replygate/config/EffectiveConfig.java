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
        return List.copyOf(effective.lines);
    }

    private void instance(InstanceConfig instance) {
        line("instance.name", instance.name());
        line("instance.domain", instance.domain());
    }

    private void portal(PortalConfig portal) {
        line("portal.name", portal.name());
        line("portal.ticket-url", portal.ticketUrl());
        line("portal.new-ticket-url", portal.newTicketUrl());
        line("portal.signup-url", portal.signupUrl());
        line("portal.client-area-url", portal.clientAreaUrl());
    }

    private void store(StoreConfig store) {
        line("store.url", JdbcUrlMasking.mask(store.url()));
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
