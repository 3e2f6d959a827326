package dev.replygate.store;

import dev.replygate.testsupport.JavaProcess;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit to the H2 file survives the process stopping hard right after it (kill -9, a crash):
 * without WRITE_DELAY=0, H2 writes commits up to half a second later and this row is lost.
 */
class H2CrashIT {

    @TempDir
    Path folder;

    @Test
    void aCommitSurvivesTheProcessStoppingRightAfterIt() {
        String url = StoreConfigs.jdbcH2File(folder);

        JavaProcess.Result crashed = JavaProcess.run(CommitThenHaltProcess.class, folder, Duration.ofSeconds(90),
                url, "committed@replygate.test");

        assertThat(crashed.exitCode()).as(crashed.output()).isEqualTo(CommitThenHaltProcess.HALT_STATUS);
        try (Store store = Store.open(StoreConfigs.h2(url))) {
            assertThat(TestRows.rawMessage(store, "committed@replygate.test")).isNotNull();
        }
    }
}
