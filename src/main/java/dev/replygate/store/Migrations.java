package dev.replygate.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;

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
