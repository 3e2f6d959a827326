package dev.replygate.notify;

/**
 * A caller's idempotency key (the API's {@code idempotencyKey}, {@code notify --idempotency-key}) as the outbox
 * keeps it: behind {@value #PREFIX}, a namespace of the callers' own. The keys replygate makes itself
 * ({@code answer:…}, {@code digest:<name>:<period>:<recipient>}) are predictable, and they share the outbox's one
 * unique key with the callers': a caller who took one first would have stopped the answer or digest it guards
 * (the outbox finds the key taken and queues nothing). No key replygate makes starts with {@value #PREFIX}, now or
 * later, so no caller's key can be one of them. The caller sends and reads its key unchanged; only the outbox row
 * has the prefix (migration V27 gave it to the rows queued before).
 */
final class CallerKeys {

    static final String PREFIX = "caller:";
    /** What a caller may send; the outbox's column holds it with {@link #PREFIX}. */
    static final int MAX_LENGTH = 200;
    /**
     * Refused since before the namespace, when answers' keys shared the callers' space: still refused, as the API
     * and {@code notify} document, so that a caller's key never looks like one of replygate's in a log.
     */
    private static final String ANSWER_PREFIX = "answer:";

    private CallerKeys() {
    }

    /** The key as the outbox keeps it; null for none. */
    static String stored(String key) {
        return key == null ? null : PREFIX + key;
    }

    /** A key may be absent; given, it has 1 to 200 characters, no control character, and no {@code answer:} start. */
    static void requireValid(String key) {
        if (key == null) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_LENGTH || key.startsWith(ANSWER_PREFIX)
                || key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidNotificationException("idempotencyKey", "idempotency key must be 1 to " + MAX_LENGTH
                    + " characters without control characters, not starting with `" + ANSWER_PREFIX + "`", null);
        }
    }
}
