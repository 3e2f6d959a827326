package dev.replygate.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * This process would bring the schema up to date while other nodes, of the version the schema is of, are
 * running on it: refused, because nodes of mixed versions do not keep each other's counts (an older node logs
 * answers without {@code answer_count}, so a newer one undercounts the answer caps). Every node is stopped
 * before an upgrade. Also refused, before anything changes: a store holding what a pending migration cannot
 * convert ({@link #unconvertible}).
 */
public final class SchemaUpgradeRefused extends IllegalStateException {

    /** Quartz's own slack before it takes a node that missed its check-in for dead (ClusterManager). */
    private static final long CHECK_IN_SLACK_MS = 7_500;

    private SchemaUpgradeRefused(String message) {
        super(message);
    }

    /** A store a pending migration could not convert, for {@code why}: nothing was changed. */
    static SchemaUpgradeRefused unconvertible(String why) {
        return new SchemaUpgradeRefused(why);
    }

    /** Throws when a node checked in to the cluster's table lately; call only when migrations are pending. */
    static void unlessNoNodeRuns(DataSource dataSource, String pendingVersion) {
        List<String> running = nodesCheckedInLately(dataSource);
        if (!running.isEmpty()) {
            throw new SchemaUpgradeRefused("the store's schema is older than this version (" + pendingVersion
                    + " is not applied) and node(s) " + String.join(", ", running) + " of the older version are"
                    + " running on it: stop every node before the upgrade, then start this version");
        }
    }

    private static List<String> nodesCheckedInLately(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT to_regclass('qrtz_scheduler_state') IS NOT NULL");
                 ResultSet row = exists.executeQuery()) {
                if (!row.next() || !row.getBoolean(1)) {
                    return List.of(); // before the cluster's tables: no node ever ran
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT instance_name FROM"
                    + " qrtz_scheduler_state WHERE last_checkin_time + checkin_interval + ? > ? ORDER BY instance_name")) {
                query.setLong(1, CHECK_IN_SLACK_MS);
                query.setLong(2, System.currentTimeMillis());
                List<String> names = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
