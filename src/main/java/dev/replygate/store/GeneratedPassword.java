package dev.replygate.store;

import dev.replygate.config.Secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The password of an H2 file store whose configuration gives none: random, made on first use and kept
 * beside the store in {@code <name>.password}, created readable by replygate's user alone. Every
 * replygate process on the store (the daemon, the CLI) reads it from there.
 */
final class GeneratedPassword {

    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPassword() {
    }

    /** Where the password of the H2 store {@code database} (its path without extension) is kept. */
    static Path fileOf(Path database) {
        return database.resolveSibling(database.getFileName() + ".password");
    }

    /**
     * The password kept for {@code database}, made and saved first when there is none. Call it holding
     * the store's {@link OpenLock}, so that two processes starting together do not both make one.
     */
    static Secret of(Path database) {
        Path file = fileOf(database);
        try {
            return Files.exists(file) ? read(file) : create(file);
        } catch (IOException e) {
            throw new StoreException("cannot read or create the store's password file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The password kept for {@code database}, when one was made; never makes one. */
    static Optional<Secret> existing(Path database) {
        Path file = fileOf(database);
        try {
            return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read the store's password file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Secret read(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new StoreException("the store's password file " + file
                    + " is empty; restore it from a backup, or set store.password");
        }
        return Secret.of(password);
    }

    /** Saved (and on disk) before any store gets it: a crash then can never lose the password of a store. */
    private static Secret create(Path file) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try (FileChannel channel = FileChannel.open(partial,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                StoreDirectory.ownerOnlyIfPosix(partial, StoreDirectory.OWNER_ONLY_FILE))) {
            channel.write(ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        StoreDirectory.forceRenames(file.getParent());
        return Secret.of(password);
    }
}
