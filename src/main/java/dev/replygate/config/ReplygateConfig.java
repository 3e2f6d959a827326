package dev.replygate.config;

import java.util.List;

/** The whole, validated configuration of one replygate instance. */
public record ReplygateConfig(
        InstanceConfig instance,
        PortalConfig portal,
        StoreConfig store,
        SmtpConfig smtp,
        SenderConfig sender,
        SigningConfig signing,
        DeliveryConfig delivery,
        NotificationsConfig notifications,
        TemplatesConfig templates,
        List<MailboxConfig> mailboxes,
        InboundConfig inbound,
        HttpServerConfig http,
        RetentionConfig retention,
        List<DigestConfig> digests) {

    public ReplygateConfig {
        digests = List.copyOf(digests);
    }

    /** The digest named {@code name}, if configured. */
    public java.util.Optional<DigestConfig> digest(String name) {
        return digests.stream().filter(digest -> digest.name().equals(name)).findFirst();
    }
}
