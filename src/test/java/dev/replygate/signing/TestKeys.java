package dev.replygate.signing;

import dev.replygate.config.Secret;
import dev.replygate.config.SigningConfig;
import dev.replygate.config.SigningConfig.SigningKey;

import java.util.List;

/** Signing keys for tests. */
final class TestKeys {

    static final SigningKey K1 = new SigningKey("k1", Secret.of("first-secret-first-secret-first-secret-1"));
    static final SigningKey K2 = new SigningKey("K2", Secret.of("second-secret-second-secret-second-secret"));

    private TestKeys() {
    }

    static SigningKeys signingWith(SigningKey active, SigningKey... all) {
        return SigningKeys.from(new SigningConfig(active.id(), List.of(all)));
    }

    static SigningKeys k1Only() {
        return signingWith(K1, K1);
    }
}
