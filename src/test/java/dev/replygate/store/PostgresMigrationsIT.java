package dev.replygate.store;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.PostgresServer;

/** The migrations on a real PostgreSQL server, as several nodes share it. */
class PostgresMigrationsIT extends MigrationsContract {

    @Override
    StoreConfig freshDatabase() {
        return PostgresServer.shared().createDatabase("migrations").storeConfig();
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }

    /** The standard's INFORMATION_SCHEMA has no cache column on PostgreSQL: its sequences' catalogue does. */
    @Override
    String identityCachesQuery() {
        return "SELECT c.table_name, s.seqcache FROM information_schema.columns c JOIN pg_sequence s"
                + " ON s.seqrelid = pg_get_serial_sequence(quote_ident(c.table_schema) || '.'"
                + " || quote_ident(c.table_name), c.column_name)::regclass"
                + " WHERE c.is_identity = 'YES' AND c.table_schema = current_schema()";
    }

    /**
     * No cache: PostgreSQL's is per connection, so pooled connections would draw ids from different ranges and
     * break the order of ids that delivery relies on (db/h2/V24).
     */
    @Override
    long expectedIdentityCache() {
        return 1;
    }
}
