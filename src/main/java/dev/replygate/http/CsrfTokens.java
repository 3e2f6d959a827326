package dev.replygate.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The token a form must send back with a POST: an HMAC of the caller's name under a key made for
 * this process. Another site can make a browser send the operator's basic-auth login with a
 * forged POST, but cannot read our pages to learn the token.
 */
final class CsrfTokens {

    private static final String HMAC = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;

    CsrfTokens() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, HMAC);
    }

    String tokenFor(String caller) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(caller.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has " + HMAC, e);
        }
    }

    boolean isValid(String caller, String presented) {
        return presented != null && SecretComparison.matches(presented, tokenFor(caller));
    }
}
