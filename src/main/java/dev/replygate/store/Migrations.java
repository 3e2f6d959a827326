package dev.replygate.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

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
     * once the store has the table of inbound records (V11). On H2 a migration that failed would stay in the store's
     * history as failed, and the store be refused as part migrated.
     */
    static void refuseUnconvertible(MigrationInfoService info, DataSource dataSource) {
        MigrationInfo current = info.current();
        boolean hasRecords = current != null && current.getVersion() != null && current.getVersion().isAtLeast("11");
        boolean hashesPending = Arrays.stream(info.pending())
                .anyMatch(pending -> ContentHashAsBytes.VERSION.equals(pending.getVersion()));
        if (hasRecords && hashesPending) {
            try (Connection connection = dataSource.getConnection()) {
                ContentHashAsBytes.refuseUnconvertible(connection);
            } catch (SQLException e) {
                throw new StoreException(e);
            }
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
