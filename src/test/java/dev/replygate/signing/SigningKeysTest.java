package dev.replygate.signing;

import dev.replygate.config.Secret;
import dev.replygate.config.SigningConfig;
import dev.replygate.config.SigningConfig.SigningKey;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.MacSpi;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    /**
     * A JVM whose first HmacSHA256 cannot be cloned (a FIPS token's provider): signs and verifies as a fresh HMAC,
     * as before keys were cloned; no signature fails.
     */
    @Test
    void aProviderThatCannotCloneItsMacStillSigns() throws Exception {
        Security.insertProviderAt(new UncloneableHmacProvider(), 1);
        try {
            assertThat(Mac.getInstance("HmacSHA256").getProvider().getName()).isEqualTo(UncloneableHmacProvider.NAME);
            SigningKeys keys = TestKeys.signingWith(K1, K1, TestKeys.K2);
            for (String data : List.of("a", "message-1", "message-2")) {
                byte[] expected = freshHmac(K1.secret().reveal(), data);

                assertThat(keys.sign(data)).isEqualTo(expected);
                assertThat(keys.verify("k1", data, expected)).isTrue();
                assertThat(keys.verify("k2", data, expected)).isFalse();
            }
        } finally {
            Security.removeProvider(UncloneableHmacProvider.NAME);
        }
    }

    /** HmacSHA256 of the JDK behind a MacSpi that is not Cloneable, as a hardware token's may be. */
    public static final class UncloneableHmacProvider extends Provider {

        static final String NAME = "ReplygateTestUncloneableHmac";

        UncloneableHmacProvider() {
            super(NAME, "1.0", "HmacSHA256 that cannot be cloned");
            put("Mac.HmacSHA256", UncloneableHmac.class.getName());
        }
    }

    public static final class UncloneableHmac extends MacSpi {

        private final Mac jdk;

        public UncloneableHmac() throws NoSuchAlgorithmException, NoSuchProviderException {
            jdk = Mac.getInstance("HmacSHA256", "SunJCE");
        }

        @Override
        protected int engineGetMacLength() {
            return jdk.getMacLength();
        }

        @Override
        protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException,
                InvalidAlgorithmParameterException {
            jdk.init(key, params);
        }

        @Override
        protected void engineUpdate(byte input) {
            jdk.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            jdk.update(input, offset, len);
        }

        @Override
        protected byte[] engineDoFinal() {
            return jdk.doFinal();
        }

        @Override
        protected void engineReset() {
            jdk.reset();
        }
    }

    @Test
    void signsAsAFreshHmacDoesEveryTimeAndOnEveryThread() throws Exception {
        SigningKeys keys = TestKeys.signingWith(TestKeys.K2, K1, TestKeys.K2);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> signers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int first = thread;
                signers.add(threads.submit(() -> {
                    for (int i = first; i < 2_000; i += 4) {
                        String data = "message-" + i + "-\u06F1";
                        byte[] expected = freshHmac(TestKeys.K2.secret().reveal(), data);
                        assertThat(keys.sign(data)).isEqualTo(expected);
                        assertThat(keys.verify("k2", data, expected)).isTrue();
                        assertThat(keys.verify("k1", data, expected)).isFalse();
                    }
                    return null;
                }));
            }
            for (Future<?> signer : signers) {
                signer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static byte[] freshHmac(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void neverPrintsSecrets() {
        assertThat(TestKeys.k1Only().toString()).doesNotContain(K1.secret().reveal()).contains("k1");
    }
}
