package dev.replygate.signing;

import dev.replygate.config.SigningConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The HMAC-SHA256 keys that sign Message-IDs and reply tokens. New signatures use the active key;
 * every configured key verifies, so keys can rotate. Key ids are matched without regard to case
 * because signed values travel in lowercase.
 */
public final class SigningKeys {

    static final int MIN_SECRET_LENGTH = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]{1,8}");
    private static final String ALGORITHM = "HmacSHA256";

    private final Map<String, KeyedMac> keys;
    private final String activeKeyId;

    private SigningKeys(Map<String, KeyedMac> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /** Checks the keys (ids of 1 to 8 letters or digits, unique, secrets of 32+ characters) and loads them. */
    public static SigningKeys from(SigningConfig config) {
        if (config.keys() == null || config.keys().isEmpty()) {
            throw new IllegalArgumentException("signing.keys: at least one key is needed");
        }
        Map<String, KeyedMac> keys = new LinkedHashMap<>();
        for (SigningConfig.SigningKey key : config.keys()) {
            if (key.id() == null || !KEY_ID.matcher(key.id()).matches()) {
                throw new IllegalArgumentException("signing.keys: key id must be 1 to 8 letters or digits: "
                        + key.id());
            }
            String id = key.id().toLowerCase(Locale.ROOT);
            if (key.secret() == null || key.secret().reveal().length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("signing.keys: the secret of key " + key.id()
                        + " must have at least " + MIN_SECRET_LENGTH + " characters");
            }
            SecretKeySpec spec = new SecretKeySpec(key.secret().reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM);
            if (keys.putIfAbsent(id, KeyedMac.of(spec)) != null) {
                throw new IllegalArgumentException("signing.keys: key id " + key.id()
                        + " is listed twice (ids are compared without regard to case)");
            }
        }
        String active = config.activeKey() == null ? "" : config.activeKey().toLowerCase(Locale.ROOT);
        if (!keys.containsKey(active)) {
            throw new IllegalArgumentException("signing.active-key: " + config.activeKey()
                    + " is not among signing.keys " + keys.keySet());
        }
        return new SigningKeys(Map.copyOf(keys), active);
    }

    /** The id (lowercase) of the key that signs. */
    String activeKeyId() {
        return activeKeyId;
    }

    /** The HMAC of {@code data} under the active key. */
    byte[] sign(String data) {
        return keys.get(activeKeyId).hmac(data);
    }

    /**
     * Whether {@code mac} is the HMAC of {@code data} under key {@code keyId}, truncated to the length of
     * {@code mac}; false for an unknown key. Compares in constant time.
     */
    boolean verify(String keyId, String data, byte[] mac) {
        KeyedMac key = keys.get(keyId.toLowerCase(Locale.ROOT));
        if (key == null || mac.length == 0) {
            return false;
        }
        byte[] expected = key.hmac(data);
        if (mac.length > expected.length) {
            return false;
        }
        byte[] truncated = new byte[mac.length];
        System.arraycopy(expected, 0, truncated, 0, mac.length);
        return MessageDigest.isEqual(truncated, mac);
    }

    /**
     * A key's HMAC, initialised once; every use works on a clone (a Mac is not thread-safe), which skips the
     * provider lookup and the key's pads that getInstance + init cost on every answer. Where the JVM's provider
     * cannot clone one (a FIPS token's, say), each use initialises its own, as before. Not a record: its
     * text must never show the key.
     */
    private static final class KeyedMac {

        private final Mac initialised;
        /** The key, kept only when {@link #initialised} cannot be cloned. */
        private final SecretKeySpec uncloneable;

        private KeyedMac(Mac initialised, SecretKeySpec uncloneable) {
            this.initialised = initialised;
            this.uncloneable = uncloneable;
        }

        static KeyedMac of(SecretKeySpec key) {
            Mac mac = initialised(key);
            try {
                mac.clone();
                return new KeyedMac(mac, null);
            } catch (CloneNotSupportedException e) {
                return new KeyedMac(mac, key);
            }
        }

        byte[] hmac(String data) {
            return fresh().doFinal(data.getBytes(StandardCharsets.UTF_8));
        }

        private Mac fresh() {
            if (uncloneable != null) {
                return initialised(uncloneable);
            }
            try {
                return (Mac) initialised.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(ALGORITHM + " of this JVM could be cloned and now cannot", e);
            }
        }

        private static Mac initialised(SecretKeySpec key) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
            }
        }
    }

    @Override
    public String toString() {
        return "SigningKeys[active=" + activeKeyId + ", ids=" + keys.keySet() + "]";
    }
}
