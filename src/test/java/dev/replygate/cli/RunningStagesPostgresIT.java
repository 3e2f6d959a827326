package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stages that could not be set up leave nothing held behind, above all not the node's name. */
class RunningStagesPostgresIT {

    @TempDir
    Path folder;

    /**
     * Scheduling a stage meets a database error (here the jobs' table is missing): the node's name is released,
     * so that a reload's fallback to the previous configuration, in this same process, can claim it again.
     */
    @Test
    void stagesThatFailToBeScheduledReleaseTheNodesName() throws Exception {
        PostgresDatabase database = PostgresServer.shared().createDatabase("running_stages");
        Path config = TestConfigFile.write(folder, 1, "1s", "url: " + database.jdbcUrl() + "\n  username: "
                + database.username() + "\n  password: \"\"");
        try (Replygate replygate = new Replygate(ConfigFiles.load(config).config(), Clock.systemUTC())) {
            sql(database, "ALTER TABLE qrtz_job_details RENAME TO qrtz_job_details_away");

            assertThatThrownBy(() -> RunningStages.start(replygate, Optional.empty(), taken -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot schedule");

            sql(database, "ALTER TABLE qrtz_job_details_away RENAME TO qrtz_job_details");
            assertThatCode(() -> RunningStages.start(replygate, Optional.empty(), taken -> { }).close()).doesNotThrowAnyException();
        }
    }

    private static void sql(PostgresDatabase database, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
             Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }
}
