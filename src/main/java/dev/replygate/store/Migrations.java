package dev.replygate.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** Flyway, set up with replygate's migrations for one database. */
final class Migrations {

    private Migrations() {
    }

    static Flyway flyway(DataSource dataSource, Dialect dialect) {
        return configuration(dialect).dataSource(dataSource).load();
    }

    /** Flyway's set-up for a store of {@code dialect}, short of the database. */
    static FluentConfiguration configuration(Dialect dialect) {
        return Flyway.configure()
                .locations(locations(dialect))
                .javaMigrations(new ContentHashAsBytes())
                .ignoreMigrationPatterns(new String[0]); // not Flyway's "*:future": a newer schema fails validation
    }

    /**
     * Refuses, before anything is changed, a store holding what a pending migration cannot convert: V26's hashes,
     * while the store keeps them as characters. On H2 a migration that failed would stay in the store's history as
     * failed, and the store be refused as part migrated. Read from the schema, not from Flyway's list of pending
     * migrations, which would cost every start on an existing store a second resolution of the migrations.
     */
    static void refuseUnconvertible(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement type = connection.prepareStatement("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                     + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND LOWER(TABLE_NAME) = 'inbound_message'"
                     + " AND LOWER(COLUMN_NAME) = 'sha256'");
             ResultSet row = type.executeQuery()) {
            if (row.next() && row.getString(1).toLowerCase(Locale.ROOT).startsWith("char")) {
                ContentHashAsBytes.refuseUnconvertible(connection);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * The portable SQL migrations, and on PostgreSQL its own (Quartz's cluster tables); on H2 its baseline, which
     * makes an empty store in one script what the versioned migrations up to its version make one by one
     * (see db/h2/README.md). The Java migrations (V26) are named in {@link #configuration}.
     */
    private static String[] locations(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL
                ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                : new String[] {"classpath:db/migration", "classpath:db/h2"};
    }
}
