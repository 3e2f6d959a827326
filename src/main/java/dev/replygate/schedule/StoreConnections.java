package dev.replygate.schedule;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Quartz's connections from the store's pool, which the store opens and closes, not Quartz. */
final class StoreConnections implements ConnectionProvider {

    private final DataSource dataSource;

    StoreConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the store's pool outlives the scheduler (a reload starts another one on it)
    }

    @Override
    public void initialize() {
        // the store's pool is open already
    }
}
