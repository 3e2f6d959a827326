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
        RetentionConfig retention) {
}
