package dev.replygate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Binds the parsed file to {@link ReplygateConfig}: which keys exist, their syntax and defaults.
 * Sections with rules across keys have their own class. The defaults here and there are the ones
 * config/replygate.yaml documents; keep them in step.
 */
final class ConfigBinder {

    private static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/replygate";
    private static final Duration MAX_DELIVERY_DURATION = Duration.ofDays(365);
    private static final Duration MAX_CHECK_IN_INTERVAL = Duration.ofMinutes(10);

    private final Path baseDir;

    ConfigBinder(Path baseDir) {
        this.baseDir = baseDir;
    }

    ReplygateConfig bind(MappingReader root) {
        List<MailboxConfig> mailboxes = MailboxSection.bind(root);
        ReplygateConfig config = new ReplygateConfig(
                root.section("instance", this::instance),
                root.section("portal", this::portal),
                root.section("store", this::store),
                root.section("smtp", SmtpSection::bind),
                root.section("sender", SenderSection::bind),
                root.section("signing", SigningSection::bind),
                root.section("delivery", this::delivery),
                root.section("notifications", NotificationsSection::bind),
                root.section("templates", this::templates),
                mailboxes,
                root.section("inbound", InboundSection::bind),
                root.section("http", HttpSection::bind),
                root.section("retention", RetentionSection::bind),
                DigestsSection.bind(root, mailboxes));
        root.rejectUnknownKeys();
        return config;
    }

    private InstanceConfig instance(MappingReader section) {
        return new InstanceConfig(
                section.optional("name", "replygate", ValueParsers.token()),
                section.required("domain", ValueParsers.hostname()).orElse(ConfigDefaults.DOMAIN),
                section.optional("check-in-interval", InstanceConfig.DEFAULT_CHECK_IN_INTERVAL,
                        ValueParsers.positiveDuration(MAX_CHECK_IN_INTERVAL)));
    }

    private PortalConfig portal(MappingReader section) {
        return new PortalConfig(
                section.optional("name", "Example Hosting", ValueParsers.nonEmptyText()),
                section.required("ticket-url", ValueParsers.ticketUrl()).orElse(ConfigDefaults.TICKET_URL),
                section.required("new-ticket-url", ValueParsers.httpUrl()).orElse(ConfigDefaults.NEW_TICKET_URL),
                section.required("signup-url", ValueParsers.httpUrl()).orElse(ConfigDefaults.SIGNUP_URL),
                section.required("client-area-url", ValueParsers.httpUrl()).orElse(ConfigDefaults.CLIENT_AREA_URL),
                section.optional("admin-ticket-url", Optional.empty(), ValueParsers.emptyOr(ValueParsers.adminTicketUrl())));
    }

    private StoreConfig store(MappingReader section) {
        StoreConfig store = new StoreConfig(
                section.optional("url", DEFAULT_JDBC_URL, ValueParsers.jdbcUrl()),
                section.optional("username", "sa", ValueParsers.text()),
                section.secret("password"),
                section.optional("pool-size", 4, ValueParsers.positiveInt()));
        if (section.isValid("url", "pool-size") && store.isPostgresql()
                && store.poolSize() < StoreConfig.MIN_POSTGRESQL_POOL_SIZE) {
            section.reject("pool-size", "`" + store.poolSize() + "` is too small for a PostgreSQL store; use "
                    + StoreConfig.MIN_POSTGRESQL_POOL_SIZE + " or more: a node holds one connection for its name"
                    + " while it runs, and Quartz and the stages need one each besides");
        }
        return store;
    }

    private DeliveryConfig delivery(MappingReader section) {
        ValueParser<Duration> duration = ValueParsers.positiveDuration(MAX_DELIVERY_DURATION);
        DeliveryConfig delivery = new DeliveryConfig(
                section.optional("interval", Duration.ofSeconds(10), duration),
                section.optional("batch-size", 50, ValueParsers.positiveInt()),
                section.optional("initial-backoff", Duration.ofMinutes(1), duration),
                section.optional("max-backoff", Duration.ofHours(1), duration),
                section.optional("max-age", Duration.ofDays(3), duration));
        if (section.isValid("initial-backoff", "max-backoff")
                && delivery.initialBackoff().compareTo(delivery.maxBackoff()) > 0) {
            section.reject("initial-backoff", "is longer than " + section.pathOf("max-backoff")
                    + " (" + Durations.format(delivery.maxBackoff()) + ")");
        }
        return delivery;
    }

    private TemplatesConfig templates(MappingReader section) {
        return new TemplatesConfig(section.optional("directory", baseDir.resolve("templates"),
                ValueParsers.path(baseDir)));
    }
}
