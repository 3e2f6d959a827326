package dev.replygate.mailbox;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The mailbox leases on H2. */
class MailboxLeasesTest extends MailboxLeasesContract {

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig("jdbc:h2:mem:leases_" + UUID.randomUUID().toString().replace("-", ""), "sa",
                Secret.empty(), 4);
    }

    @Override
    int blockedSessions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
            row.next();
            return row.getInt(1);
        }
    }
}
