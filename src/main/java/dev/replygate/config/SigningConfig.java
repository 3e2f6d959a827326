package dev.replygate.config;

import java.util.List;

/**
 * Keys for the HMAC in Message-IDs and reply tokens. Several keys may be valid at once so they can
 * rotate: new mail is signed with {@code activeKey}, every listed key verifies.
 */
public record SigningConfig(String activeKey, List<SigningKey> keys) {

    public record SigningKey(String id, Secret secret) {
    }
}
