package dev.replygate.store;

import dev.replygate.testsupport.JavaProcess;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The H2 file database is shared between the daemon and the CLI run beside it. */
class H2SharedFileIT {

    private static final Duration SECOND_PROCESS_LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    @Test
    void aSecondProcessWritesWhileTheFirstHoldsTheFileOpen() throws Exception {
        String url = StoreConfigs.jdbcH2File(folder);
        try (Store daemon = Store.open(StoreConfigs.h2(url));
             Connection held = daemon.dataSource().getConnection()) {

            JavaProcess.Result cli = JavaProcess.run(OutboxWriterProcess.class, folder, SECOND_PROCESS_LIMIT,
                    url, "from-cli@replygate.test");

            assertThat(cli.exitCode()).as(cli.output()).isZero();
            assertThat(TestRows.rawMessage(held, "from-cli@replygate.test")).isNotNull();
        }
    }

    @Test
    void aRelativePathIsResolvedAgainstTheWorkingDirectory() {
        JavaProcess.Result cli = JavaProcess.run(OutboxWriterProcess.class, folder, SECOND_PROCESS_LIMIT,
                "jdbc:h2:file:./data/replygate", "relative@replygate.test");

        assertThat(cli.exitCode()).as(cli.output()).isZero();
        assertThat(folder.resolve("data/replygate.mv.db")).isRegularFile();
        try (Store store = Store.open(StoreConfigs.h2In(folder.resolve("data")))) {
            assertThat(TestRows.rawMessage(store, "relative@replygate.test")).isNotNull();
        }
    }
}
