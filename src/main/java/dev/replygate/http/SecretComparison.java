package dev.replygate.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a presented secret with a known one in time that depends on neither: both are hashed
 * first, so neither their common prefix nor their lengths show in how long the answer takes.
 */
final class SecretComparison {

    private SecretComparison() {
    }

    static boolean matches(String presented, String known) {
        return MessageDigest.isEqual(sha256(presented), sha256(known));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
