package dev.replygate.store;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An H2 file store whose schema was left part made: tables without a schema history (the creation of a store by a
 * replygate that made it in place, stopped midway), or a migration that failed or was stopped midway (H2 commits
 * each statement of a migration on its own, so what ran of it stays). Refused before anything starts, with the
 * file and what to do. Never repaired or removed here: such a store may hold records.
 */
public final class UnfinishedStoreRefused extends IllegalStateException {

    private static final String HISTORY = "flyway_schema_history";
    private static final int TABLES_NAMED = 5;

    private UnfinishedStoreRefused(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Throws when the H2 store in {@code file} (its {@code .mv.db}) holds a schema that was left part made; call
     * before migrating it.
     */
    static void unlessComplete(DataSource dataSource, Path file) {
        Optional<UnfinishedStoreRefused> refusal = find(dataSource, file, null);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /**
     * After a migration of the H2 store in {@code file} failed with {@code failure}: this refusal when the failure
     * left it part made (Flyway keeps a failed migration's row on H2), else {@code failure}.
     */
    static RuntimeException afterFailedMigration(DataSource dataSource, Path file, RuntimeException failure) {
        try {
            return find(dataSource, file, failure).map(RuntimeException.class::cast).orElse(failure);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return failure;
        }
    }

    private static Optional<UnfinishedStoreRefused> find(DataSource dataSource, Path file, Throwable cause) {
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = tables(connection);
            boolean hasHistory = tables.remove(HISTORY);
            if (!hasHistory) {
                return tables.isEmpty() ? Optional.empty() : Optional.of(new UnfinishedStoreRefused(
                        madeHalfway(file, tables, "no schema history (no table " + HISTORY + ")"), cause));
            }
            Optional<String> failed = firstFailed(connection);
            if (failed.isPresent()) {
                return Optional.of(new UnfinishedStoreRefused("the H2 store " + file + " is part migrated: migration "
                        + failed.get() + " failed or was stopped midway (its row in " + HISTORY + " is not a success),"
                        + " and H2 keeps what ran of a migration; replygate repairs nothing. Restore the store from"
                        + " the backup made before that migration first ran, then start again; a store that never"
                        + " held records may be moved aside instead (all its files, " + siblings(file) + "): a new"
                        + " one is made", cause));
            }
            if (!tables.isEmpty() && !anySucceeded(connection)) {
                return Optional.of(new UnfinishedStoreRefused(
                        madeHalfway(file, tables, "a schema history with no completed migration"), cause));
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static String madeHalfway(Path file, List<String> tables, String history) {
        String named = String.join(", ", tables.subList(0, Math.min(TABLES_NAMED, tables.size())))
                + (tables.size() > TABLES_NAMED ? ", …" : "");
        return "the H2 store " + file + " was left half made: it holds " + tables.size() + " table(s) (" + named
                + ") but " + history + ", as earlier versions of replygate left a store whose first start was"
                + " stopped midway (killed, or the machine went down). replygate changed nothing. If it never held"
                + " records (its first start was stopped), move all its files (" + siblings(file) + ") aside and start"
                + " again: a new store is made; else restore it from a backup";
    }

    private static String siblings(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".mv.db".length()) + ".*").toString();
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static Optional<String> firstFailed(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT \"version\", \"description\" FROM \""
                + HISTORY + "\" WHERE NOT \"success\" ORDER BY \"installed_rank\"");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of("V" + rows.getString(1) + " (" + rows.getString(2) + ")")
                    : Optional.empty();
        }
    }

    private static boolean anySucceeded(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM \"" + HISTORY
                + "\" WHERE \"success\" AND \"version\" IS NOT NULL");
             ResultSet rows = query.executeQuery()) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }
}
