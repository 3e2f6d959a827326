package dev.replygate.http;

import dev.replygate.text.Sha256;

import java.security.MessageDigest;

/**
 * Compares a presented secret with a known one in time that depends on neither: both are hashed
 * first, so neither their common prefix nor their lengths show in how long the answer takes.
 */
final class SecretComparison {

    private SecretComparison() {
    }

    static boolean matches(String presented, String known) {
        return MessageDigest.isEqual(Sha256.of(presented), Sha256.of(known));
    }
}
