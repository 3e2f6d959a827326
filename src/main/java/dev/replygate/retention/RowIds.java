package dev.replygate.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Row keys (ids, or a table's one-column key) a purge selects, and the statements it runs on them. */
final class RowIds {

    private RowIds() {
    }

    /** The first column (a BIGINT) of every row {@code sql} selects with {@code parameters}. */
    static List<Long> select(Connection connection, String sql, Object... parameters) throws SQLException {
        return select(connection, Long.class, sql, parameters);
    }

    /** The first column, of {@code type}, of every row {@code sql} selects with {@code parameters}. */
    static <T> List<T> select(Connection connection, Class<T> type, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = prepare(connection, sql, List.of(), parameters);
             ResultSet rows = query.executeQuery()) {
            List<T> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(rows.getObject(1, type));
            }
            return keys;
        }
    }

    /**
     * Runs {@code sql}, whose {@code (IDS)} stands for the list of {@code ids}, then {@code parameters};
     * returns the rows it changed.
     */
    static int update(Connection connection, String sql, List<?> ids, Object... parameters) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = prepare(connection, sql, ids, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** {@code FETCH FIRST n ROWS ONLY}, which H2 and PostgreSQL both know; {@code n} is ours, not a stranger's. */
    static String first(int rows) {
        return " FETCH FIRST " + rows + " ROWS ONLY";
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<?> ids, Object... parameters)
            throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        PreparedStatement statement = connection.prepareStatement(sql.replace("(IDS)", "(" + placeholders + ")"));
        try {
            int index = 1;
            for (Object id : ids) {
                statement.setObject(index++, id);
            }
            for (Object parameter : parameters) {
                statement.setObject(index++, parameter instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : parameter);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
