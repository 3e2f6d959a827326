package dev.replygate.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.Provider;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class Sha256Test {

    @Test
    void theDigestOfATextsUtf8BytesIsTheStandardOne() {
        // FIPS 180-2's example "abc", and a Persian word whose UTF-8 bytes differ from any single-byte charset's
        assertThat(HexFormat.of().formatHex(Sha256.of("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.of("پشتیبانی"))
                .isEqualTo(Sha256.digest().digest("پشتیبانی".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theHexOfAStreamIsThatOfItsBytesAndTheStreamIsClosed() throws Exception {
        byte[] bytes = new byte[70_000];
        new java.util.SplittableRandom(7).nextBytes(bytes);
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        assertThat(Sha256.hexOf(in)).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes)));
        assertThat(closed).isTrue();
        assertThat(Sha256.hexOf("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aStreamThatFailsMidwayIsThrownOnAndClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream failing = new InputStream() {
            private int left = 10_000;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 'x';
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };

        assertThatThrownBy(() -> Sha256.hexOf(failing)).isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThat(closed).isTrue();
    }

    @Test
    void eachDigestIsNew() {
        assertThat(Sha256.digest()).isNotSameAs(Sha256.digest());
    }

    @Test
    void nssIsUsedWhereItIsInstalled() {
        assumeTrue(Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")
                        .anyMatch(dir -> Files.exists(Path.of(dir, "libsoftokn3.so"))),
                "NSS is not installed here");
        assertThat(Sha256.digest().getProvider().getName()).isEqualTo("SunPKCS11-replygate-sha256");
    }

    /** A message's hash is its identity: any provider's must be the JDK's, however the bytes arrive. */
    @Property(tries = 200)
    void theChosenDigestIsTheJdks(@ForAll @Size(max = 40_000) byte[] bytes,
                                  @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 9_000) Integer> pieces)
            throws java.security.GeneralSecurityException {
        MessageDigest chosen = Sha256.digest();
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int length = Math.min(bytes.length - at, pieces.get(i % pieces.size()));
            if (length == 1 || length == 0) {
                chosen.update(bytes[at]);
                at++;
            } else {
                chosen.update(bytes, at, length);
                at += length;
            }
        }
        assertThat(chosen.digest()).isEqualTo(MessageDigest.getInstance("SHA-256", "SUN").digest(bytes));
    }

    @Test
    void aDigestResetHalfwayStartsAgain() {
        MessageDigest digest = Sha256.digest();
        digest.update(new byte[10_000]);
        digest.reset();
        assertThat(HexFormat.of().formatHex(digest.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aProviderThatDisagreesIsNotChosen() {
        Provider jdk = Sha256.jdkProvider();
        assertThat(Sha256.chosen(new Forged(32, 1))).isSameAs(jdk);
        // right for short input, wrong only past the first 64 KB: caught by the longer check
        assertThat(Sha256.chosen(new Forged(65_536, 1))).isSameAs(jdk);
        assertThat(Sha256.chosen(new Forged(Integer.MAX_VALUE, 0))).isNotSameAs(jdk);
        assertThat(Sha256.chosen(null)).isSameAs(jdk);
    }

    @Test
    void aProviderThatFailsIsNotChosen() {
        Provider throwing = new Provider("Throwing", "1", "fails every update") {
        };
        throwing.put("MessageDigest.SHA-256", Throwing.class.getName());
        assertThat(Sha256.chosen(throwing)).isSameAs(Sha256.jdkProvider());
        Provider without = new Provider("Without", "1", "has no SHA-256") {
        };
        assertThat(Sha256.chosen(without)).isSameAs(Sha256.jdkProvider());
    }

    /** The JDK's SHA-256, with {@code flip} added to the first byte of the digest once {@code after} bytes came. */
    private static final class Forged extends Provider {

        Forged(int after, int flip) {
            super("Forged" + after + "x" + flip, "1", "a SHA-256 that is wrong past a length");
            putService(new Service(this, "MessageDigest", "SHA-256", ForgedSpi.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new ForgedSpi(after, flip);
                }
            });
        }
    }

    private static final class ForgedSpi extends MessageDigestSpi {

        private final int after;
        private final int flip;
        private final MessageDigest jdk;
        private long seen;

        ForgedSpi(int after, int flip) {
            this.after = after;
            this.flip = flip;
            try {
                this.jdk = MessageDigest.getInstance("SHA-256", "SUN");
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineUpdate(byte input) {
            seen++;
            jdk.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            seen += len;
            jdk.update(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            byte[] digest = jdk.digest();
            if (seen > after) {
                digest[0] += (byte) flip;
            }
            seen = 0;
            return digest;
        }

        @Override
        protected void engineReset() {
            seen = 0;
            jdk.reset();
        }
    }

    public static final class Throwing extends MessageDigestSpi {

        @Override
        protected void engineUpdate(byte input) {
            throw new IllegalStateException("broken");
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            throw new IllegalStateException("broken");
        }

        @Override
        protected byte[] engineDigest() {
            throw new IllegalStateException("broken");
        }

        @Override
        protected void engineReset() {
        }
    }
}
