package dev.replygate.signing;

import dev.replygate.config.Secret;
import dev.replygate.config.SigningConfig;
import dev.replygate.config.SigningConfig.SigningKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.replygate.signing.TestKeys.K1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SigningKeysTest {

    @Test
    void theActiveKeyMustBeListed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SigningKeys.from(new SigningConfig("k9", List.of(K1))))
                .withMessageContaining("signing.active-key");
    }

    @Test
    void idsAreUniqueWithoutRegardToCase() {
        SigningKey upper = new SigningKey("K1", K1.secret());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SigningKeys.from(new SigningConfig("k1", List.of(K1, upper))))
                .withMessageContaining("listed twice");
    }

    @Test
    void refusesShortSecretsAndOddIdsWithoutShowingTheSecret() {
        SigningKey shortKey = new SigningKey("k1", Secret.of("too-short-secret"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SigningKeys.from(new SigningConfig("k1", List.of(shortKey))))
                .withMessageContaining("at least 32").withMessageNotContaining("too-short-secret");
        SigningKey oddId = new SigningKey("k-1", K1.secret());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SigningKeys.from(new SigningConfig("k-1", List.of(oddId))));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SigningKeys.from(new SigningConfig("k1", List.of())));
    }

    @Test
    void verifiesOnlyTheRightMacUnderTheRightKey() {
        SigningKeys keys = TestKeys.signingWith(K1, K1, TestKeys.K2);
        byte[] mac = keys.sign("data");

        assertThat(keys.verify("K1", "data", mac)).isTrue();
        assertThat(keys.verify("k2", "data", mac)).isFalse();
        assertThat(keys.verify("k3", "data", mac)).isFalse();
        assertThat(keys.verify("k1", "datA", mac)).isFalse();
        assertThat(keys.verify("k1", "data", new byte[0])).isFalse();
    }

    @Test
    void neverPrintsSecrets() {
        assertThat(TestKeys.k1Only().toString()).doesNotContain(K1.secret().reveal()).contains("k1");
    }
}
