package dev.replygate.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * SHA-256, which every Java runtime has: a digest to feed, or the digest of a text's UTF-8 bytes.
 *
 * <p>The digest is the system's NSS library's, through the JDK's own PKCS#11 provider, when NSS is installed and
 * gives the JDK's results on {@link #agrees test input}; the JDK's own ({@code SUN}) otherwise. Every message's
 * bytes are hashed (the identity that keeps exactly-once), and the JDK's is Java code that only C2 replaces with
 * the CPU's SHA instructions: under C1 alone (the service's JVM options) NSS's is about ten times faster. A digest
 * abandoned before {@code digest()} holds a native session until it is collected: {@code reset()} it then.
 */
public final class Sha256 {

    private static final String ALGORITHM = "SHA-256";
    /** NSS without a database: only its software token, which is all a digest needs. */
    private static final String NSS_CONFIG = """
            --name=replygate-sha256
            nssDbMode=noDb
            attributes=compatibility
            handleStartupErrors=ignoreMultipleInitialisation
            """;

    private Sha256() {
    }

    /** A new SHA-256 digest, of the fastest provider that agrees with the JDK's. */
    public static MessageDigest digest() {
        return digest(Chosen.PROVIDER);
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes. */
    public static byte[] of(String text) {
        return digest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, in lower-case hex. */
    public static String hexOf(String text) {
        return HexFormat.of().formatHex(of(text));
    }

    /**
     * The SHA-256 of what {@code in} holds, in lower-case hex: read to its end, streamed, and closed. A read that
     * fails resets the digest, so that it holds no native session until it is collected, and is thrown on.
     */
    public static String hexOf(InputStream in) throws IOException {
        MessageDigest digest = digest();
        try (InputStream hashed = new DigestInputStream(in, digest)) {
            hashed.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException | Error e) {
            digest.reset();
            throw e;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Held apart so that NSS is loaded on the first digest, not by every class that names this one. */
    private static final class Chosen {
        static final Provider PROVIDER = chosen(nss());
    }

    /** {@code candidate} when it gives the JDK's digests, else the JDK's own provider. */
    static Provider chosen(Provider candidate) {
        Provider jdk = jdkProvider();
        return candidate != null && agrees(candidate, jdk) ? candidate : jdk;
    }

    static Provider jdkProvider() {
        return digest("SUN").getProvider();
    }

    /** The JDK's PKCS#11 provider over NSS, or null where either is missing. */
    static Provider nss() {
        Provider pkcs11 = Security.getProvider("SunPKCS11");
        if (pkcs11 == null) {
            return null;
        }
        try {
            return pkcs11.configure(NSS_CONFIG);
        } catch (ProviderException | InvalidParameterException | UnsupportedOperationException
                 | SecurityException e) {
            return null; // no libnss3 / libsoftokn3 on this machine
        }
    }

    /**
     * Whether {@code candidate} gives {@code jdk}'s SHA-256 for the empty input, FIPS 180-2's "abc" and 100 KB of
     * pseudo-random bytes fed in pieces of one byte to 8 KB; any failure is a no.
     */
    static boolean agrees(Provider candidate, Provider jdk) {
        try {
            byte[] bytes = new byte[100_000];
            new SplittableRandom(42).nextBytes(bytes);
            MessageDigest theirs = digest(candidate);
            MessageDigest ours = digest(jdk);
            if (!Arrays.equals(theirs.digest(), ours.digest())
                    || !Arrays.equals(theirs.digest("abc".getBytes(StandardCharsets.US_ASCII)),
                    ours.digest("abc".getBytes(StandardCharsets.US_ASCII)))) {
                return false;
            }
            SplittableRandom pieces = new SplittableRandom(256);
            for (int at = 0; at < bytes.length; ) {
                int length = Math.min(bytes.length - at, pieces.nextInt(4) == 0 ? 1 : pieces.nextInt(1, 8_193));
                if (length == 1) {
                    theirs.update(bytes[at]);
                } else {
                    theirs.update(bytes, at, length);
                }
                at += length;
            }
            return Arrays.equals(theirs.digest(), ours.digest(bytes));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static MessageDigest digest(Provider provider) {
        try {
            return MessageDigest.getInstance(ALGORITHM, provider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(provider.getName() + " has no SHA-256", e);
        }
    }

    private static MessageDigest digest(String provider) {
        try {
            return MessageDigest.getInstance(ALGORITHM, provider);
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
