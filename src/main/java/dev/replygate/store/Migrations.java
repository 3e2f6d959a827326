package dev.replygate.store;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Flyway, set up with replygate's migrations for one database. */
final class Migrations {

    private Migrations() {
    }

    static Flyway flyway(DataSource dataSource, Dialect dialect) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(locations(dialect))
                .ignoreMigrationPatterns(new String[0]) // not Flyway's "*:future": a newer schema fails validation
                .load();
    }

    /**
     * The portable migrations, and on PostgreSQL its own (Quartz's cluster tables); on H2 its baseline, which
     * makes an empty store in one script what the versioned migrations up to its version make one by one
     * (see db/h2/README.md).
     */
    private static String[] locations(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL
                ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                : new String[] {"classpath:db/migration", "classpath:db/h2"};
    }
}
