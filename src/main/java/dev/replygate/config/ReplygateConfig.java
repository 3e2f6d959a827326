package dev.replygate.config;

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
        TemplatesConfig templates) {
}
