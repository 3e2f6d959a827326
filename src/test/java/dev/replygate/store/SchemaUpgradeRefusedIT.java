package dev.replygate.store;

import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nodes of mixed versions do not keep each other's counts: a version that brings the schema up to date
 * starts only once every node of the older one stopped.
 */
class SchemaUpgradeRefusedIT {

    @Test
    void aNewerVersionDoesNotUpgradeTheSchemaUnderARunningNodeAndDoesOnceItStopped() throws SQLException {
        PostgresDatabase database = PostgresServer.shared().createDatabase("upgrade");
        // the schema as the version before the last migration (V26) left it, with a node of that version running
        Migrations.configuration(Dialect.POSTGRESQL).dataSource(database.jdbcUrl(), database.username(), "")
                .target("25").load().migrate();
        sql(database, "INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)"
                + " VALUES ('replygate', 'node-old', " + System.currentTimeMillis() + ", 7500)");

        assertThatThrownBy(() -> Store.open(database.storeConfig()).close()).isInstanceOf(SchemaUpgradeRefused.class)
                .hasMessage("the store's schema is older than this version (V26 is not applied) and node(s) node-old"
                        + " of the older version are running on it: stop every node before the upgrade, then start"
                        + " this version");
        assertThat(count(database, "flyway_schema_history WHERE version = '26'")).isZero();

        // stopped (or dead): its last check-in is older than its interval and Quartz's slack
        sql(database, "UPDATE qrtz_scheduler_state SET last_checkin_time = " + (System.currentTimeMillis() - 60_000));
        Store.open(database.storeConfig()).close();
        assertThat(count(database, "flyway_schema_history WHERE version = '26'")).isOne();
    }

    @Test
    void aNodeRunningOnAnUpToDateSchemaDoesNotStopAnotherFromStarting() throws SQLException {
        PostgresDatabase database = PostgresServer.shared().createDatabase("upgrade");
        Store.open(database.storeConfig()).close();
        sql(database, "INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)"
                + " VALUES ('replygate', 'node-a', " + System.currentTimeMillis() + ", 7500)");

        Store.open(database.storeConfig()).close();
    }

    private static void sql(PostgresDatabase database, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
             Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }

    private static long count(PostgresDatabase database, String from) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
             Statement run = connection.createStatement();
             var rows = run.executeQuery("SELECT COUNT(*) FROM " + from)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
