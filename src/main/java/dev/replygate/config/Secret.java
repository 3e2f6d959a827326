package dev.replygate.config;

import java.security.SecureRandom;
import java.util.HexFormat;

/** A secret value that never prints itself. */
public final class Secret {

    /** What a set secret looks like wherever it is shown. */
    public static final String MASK = "******";

    private static final Secret EMPTY = new Secret("");
    private static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    public static Secret empty() {
        return EMPTY;
    }

    /** A new random secret (256 bits, as hex), for a key that lives only as long as this process. */
    public static Secret generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return new Secret(HexFormat.of().formatHex(bytes));
    }

    /** The clear value; call it only where the secret is used, never to log it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "" : MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
