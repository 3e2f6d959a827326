package dev.replygate.mailbox;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.PostgresServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The mailbox leases on a real PostgreSQL server, as several nodes share it. */
class MailboxLeasesPostgresIT extends MailboxLeasesContract {

    @Override
    StoreConfig freshDatabase() {
        return PostgresServer.shared().createDatabase("leases").storeConfig();
    }

    @Override
    int blockedSessions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            row.next();
            return row.getInt(1);
        }
    }
}
