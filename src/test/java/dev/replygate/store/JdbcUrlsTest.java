package dev.replygate.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {

    private static final String RECOVERY = ";DATABASE_EVENT_LISTENER='dev.replygate.store.H2OpenRecovery'";
    private static final String CACHE = ";QUERY_CACHE_SIZE=64";

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:file:./data/replygate",
            "jdbc:h2:file:/var/lib/replygate/db",
            "jdbc:h2:./data/replygate",
            "jdbc:h2:/var/lib/replygate/db",
            "jdbc:h2:~/replygate",
            "jdbc:h2:file:./data/replygate;MODE=Regular",
            "JDBC:H2:FILE:./data/replygate"})
    void anH2FileIsServedToOtherProcessesAndWritesEveryCommitAtOnce(String url) {
        assertThat(JdbcUrls.effective(url)).isEqualTo(url + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0" + RECOVERY + CACHE);
    }

    @org.junit.jupiter.api.Test
    void explicitSettingsWin() {
        assertThat(JdbcUrls.effective("jdbc:h2:file:./x;WRITE_DELAY=100"))
                .isEqualTo("jdbc:h2:file:./x;WRITE_DELAY=100;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE" + RECOVERY + CACHE);
        assertThat(JdbcUrls.effective("jdbc:h2:file:./x;auto_server=TRUE"))
                .isEqualTo("jdbc:h2:file:./x;auto_server=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0" + RECOVERY + CACHE);
    }

    @org.junit.jupiter.api.Test
    void aFileKeptToOneProcessIsStillRecoveredAndWrittenAtEveryCommit() {
        assertThat(JdbcUrls.effective("jdbc:h2:file:./data/replygate;AUTO_SERVER=FALSE"))
                .isEqualTo("jdbc:h2:file:./data/replygate;AUTO_SERVER=FALSE;WRITE_DELAY=0" + RECOVERY + CACHE);
    }

    @org.junit.jupiter.api.Test
    void aConfiguredStatementCacheSizeIsKept() {
        assertThat(JdbcUrls.effective("jdbc:h2:file:./x;QUERY_CACHE_SIZE=16"))
                .isEqualTo("jdbc:h2:file:./x;QUERY_CACHE_SIZE=16;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0"
                        + RECOVERY);
    }

    @org.junit.jupiter.api.Test
    void theFilePathIsFoundForTheOpenLock() {
        assertThat(JdbcUrls.h2FilePath("jdbc:h2:file:/var/lib/replygate/db;MODE=Regular"))
                .contains(java.nio.file.Path.of("/var/lib/replygate/db"));
        assertThat(JdbcUrls.h2FilePath("jdbc:h2:mem:x")).isEmpty();
        assertThat(JdbcUrls.h2FilePath("jdbc:postgresql://h/db")).isEmpty();
    }

    /** The new store is made under another name with the configured settings (a cipher, a mode). */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:./data/replygate", "jdbc:h2:./data/replygate", "jdbc:h2:~/replygate",
            "JDBC:H2:FILE:./data/replygate"})
    void anotherFileKeepsTheSettings(String path) {
        java.nio.file.Path made = java.nio.file.Path.of("/var/lib/replygate/replygate.creating");
        assertThat(JdbcUrls.withFile(path, made)).isEqualTo("jdbc:h2:file:/var/lib/replygate/replygate.creating");
        assertThat(JdbcUrls.withFile(path + ";CIPHER=AES;MODE=Regular", made))
                .isEqualTo("jdbc:h2:file:/var/lib/replygate/replygate.creating;CIPHER=AES;MODE=Regular");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:mem:test",
            "jdbc:h2:tcp://db.example.com/replygate",
            "jdbc:h2:ssl://db.example.com/replygate",
            "jdbc:postgresql://db.example.com/replygate"})
    void otherUrlsAndExplicitChoicesAreKept(String url) {
        assertThat(JdbcUrls.effective(url)).isEqualTo(url);
    }
}
