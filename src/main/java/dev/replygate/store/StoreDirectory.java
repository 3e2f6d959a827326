package dev.replygate.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps an H2 file store readable by replygate's user alone. H2 creates its files with the umask's
 * permissions (0644), and recreates its lock file (which holds the key to its server) at every open,
 * so a file's own permissions, set after the fact, would leave a moment to open it: the directory
 * itself is what keeps other users out (0700). The files are set to 0600 too, for a directory that
 * has to stay open to others.
 */
final class StoreDirectory {

    private static final Logger log = LoggerFactory.getLogger(StoreDirectory.class);

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private StoreDirectory() {
    }

    /**
     * Creates the directory of the H2 store {@code database} (its path without extension) 0700, or
     * closes an existing one that holds nothing but this store's files; sets the store's files 0600.
     * A file system without POSIX permissions is left as it is.
     */
    static void secure(Path database) {
        Path directory = database.getParent();
        String prefix = database.getFileName() + ".";
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, ownerOnlyIfPosix(directory, OWNER_ONLY_DIRECTORY));
                return;
            }
            PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
            if (view == null) {
                return;
            }
            if (isOpenToOthers(view.readAttributes().permissions())) {
                closeDirectory(directory, prefix, view);
            }
            try (DirectoryStream<Path> storeFiles = Files.newDirectoryStream(directory, entry -> isStoreFile(entry, prefix))) {
                for (Path file : storeFiles) {
                    closeFile(file, isLockedHere(file, database));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot make the store directory " + directory
                    + " private to replygate's user: " + e.getMessage(), e);
        }
    }

    private static void closeDirectory(Path directory, String prefix, PosixFileAttributeView view)
            throws IOException {
        if (holdsOnlyStoreFiles(directory, prefix)) {
            view.setPermissions(OWNER_ONLY_DIRECTORY);
            log.info("store directory {} was open to other users; set it to 0700", directory);
        } else {
            // other files may need the directory open: an admin decides (the store's password still guards it)
            log.warn("store directory {} is open to other users and holds other files too; left as it is."
                    + " Give the store a directory of its own, or chmod 700 it", directory);
        }
    }

    private static boolean holdsOnlyStoreFiles(Path directory, String prefix) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.allMatch(entry -> isStoreFile(entry, prefix));
        }
    }

    private static boolean isStoreFile(Path entry, String prefix) {
        return entry.getFileName().toString().startsWith(prefix);
    }

    /**
     * Without following a link, which opens the file; a file this process holds locked by its path instead:
     * closing a descriptor of a file drops every POSIX lock the process holds on it. Those are made private before
     * they are locked (the lock files, a new store's data file), so that is for a file an admin opened since.
     */
    private static void closeFile(Path file, boolean lockedHere) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null || !isOpenToOthers(view.readAttributes().permissions())) {
            return;
        }
        if (lockedHere) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        } else {
            view.setPermissions(OWNER_ONLY_FILE);
        }
    }

    /** A lock file this process holds, or the data file of a store it has open (H2 locks it). */
    private static boolean isLockedHere(Path file, Path database) {
        return PrivateLockFile.isHeldHere(file)
                || file.getFileName().equals(dataFile(database).getFileName()) && H2FileOwnerLock.isHeldHere(database);
    }

    private static boolean isOpenToOthers(Set<PosixFilePermission> permissions) {
        return permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
    }

    /** The file H2 keeps the store {@code database} (its path without extension) in. */
    static Path dataFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".mv.db");
    }

    /** Puts the names of {@code directory} (a file just renamed into it) on disk, where the platform can. */
    static void forceRenames(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every platform opens a directory; the rename is then as durable as it gets
        }
    }

    /** The attribute that creates a file or directory for its owner alone, where the file system knows it. */
    static FileAttribute<?>[] ownerOnlyIfPosix(Path place, Set<PosixFilePermission> permissions) {
        return place.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
