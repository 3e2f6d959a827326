package dev.replygate.store;

import dev.replygate.config.Secret;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a new H2 file store whole or not at all. H2 commits each DDL statement on its own, so a process killed
 * while Flyway makes the schema in the store's own file leaves some tables and no complete history, which every
 * later start refuses ({@link UnfinishedStoreRefused}). The store is made under a temporary name beside its own
 * ({@code <name>.creating.mv.db}), migrated, shut down, and renamed into place in one atomic step: a kill at any
 * moment leaves no store or a complete one. What a stopped creation left is removed at the next open.
 */
final class NewH2Store {

    private static final Logger log = LoggerFactory.getLogger(NewH2Store.class);

    private static final String UNFINISHED = ".creating";

    private NewH2Store() {
    }

    /**
     * Removes what a creation that was stopped left beside {@code database} (the store's path without extension),
     * then makes the store when it has no file yet. Call holding the store's {@link OpenLock}: no other process
     * makes or opens it meanwhile.
     *
     * @param url the configured URL, whose settings (a mode, compression) the new file is made with
     * @return whether the store was made here (it is then current: nothing is left to migrate)
     */
    static boolean makeIfMissing(String url, Path database, String username, Secret password) {
        Path unfinished = database.resolveSibling(database.getFileName() + UNFINISHED);
        removeLeftOver(unfinished);
        if (Files.exists(StoreDirectory.dataFile(database))) {
            return false;
        }
        try {
            migrate(JdbcUrls.withFile(url, unfinished), username, password);
            moveIntoPlace(StoreDirectory.dataFile(unfinished), StoreDirectory.dataFile(database));
            delete(filesOf(unfinished)); // what H2 left beside it (its trace): no process has it open any more
        } catch (IOException e) {
            throw new StoreException("cannot remove what is left of the new store " + unfinished + ".*: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            try {
                delete(filesOf(unfinished));
            } catch (IOException cleaning) {
                e.addSuppressed(cleaning);
            }
            throw e;
        }
        return true;
    }

    private static void migrate(String url, String username, Secret password) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser(username);
        dataSource.setPassword(password.reveal());
        // one connection open throughout: Flyway's own open and close theirs, which would close the database
        try (Connection keeper = dataSource.getConnection()) {
            Migrations.flyway(dataSource, Dialect.H2).migrate();
            try (Statement shutdown = keeper.createStatement()) {
                shutdown.execute("SHUTDOWN"); // closed and written out, whatever DB_CLOSE_DELAY the URL sets
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static void moveIntoPlace(Path made, Path target) {
        try {
            try (FileChannel channel = FileChannel.open(made, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (Files.getFileStore(made.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // before anything opens and locks it, so that no one need change it through a descriptor later
                Files.setPosixFilePermissions(made, StoreDirectory.OWNER_ONLY_FILE);
            }
            Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot move the new store " + made + " to " + target + ": " + e.getMessage(), e);
        }
        StoreDirectory.forceRenames(target.getParent());
    }

    private static void removeLeftOver(Path unfinished) {
        try {
            List<Path> leftOver = filesOf(unfinished);
            if (!leftOver.isEmpty()) {
                delete(leftOver);
                log.warn("removed {}, an H2 store left unfinished by a start that was stopped while making it;"
                        + " the store is made again", leftOver);
            }
        } catch (IOException e) {
            throw new StoreException("cannot remove the unfinished H2 store " + unfinished + ".*, left by a start"
                    + " that was stopped while making it: " + e.getMessage(), e);
        }
    }

    private static List<Path> filesOf(Path unfinished) throws IOException {
        Path directory = unfinished.getParent();
        String prefix = unfinished.getFileName() + ".";
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> entry.getFileName().toString().startsWith(prefix))) {
            entries.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    private static void delete(List<Path> files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }
}
