package dev.replygate.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUrlsTest {

    private static final String CACHE = ";QUERY_CACHE_SIZE=64";
    private static final String X = "jdbc:h2:replygate:" + Path.of("x").toAbsolutePath();

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
        int settings = url.indexOf(';');
        assertThat(JdbcUrls.effective(url)).isEqualTo("jdbc:h2:replygate:" + JdbcUrls.h2FilePath(url).orElseThrow()
                + (settings < 0 ? "" : url.substring(settings)) + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0"
                + CACHE);
    }

    /** Its data file is opened only through the layer that recovers it under the owner lock (H2StoreFilePath). */
    @org.junit.jupiter.api.Test
    void anH2FileIsNamedInReplygatesFileSystem() {
        assertThat(JdbcUrls.effective("jdbc:h2:file:/var/lib/replygate/db;MODE=Regular"))
                .startsWith("jdbc:h2:replygate:/var/lib/replygate/db;MODE=Regular;");
        assertThat(JdbcUrls.readingThroughItsServer("jdbc:h2:file:/var/lib/replygate/db"))
                .isEqualTo("jdbc:h2:replygate-served:/var/lib/replygate/db;AUTO_SERVER=TRUE");
    }

    @org.junit.jupiter.api.Test
    void explicitSettingsWin() {
        assertThat(JdbcUrls.effective("jdbc:h2:file:./x;WRITE_DELAY=100"))
                .isEqualTo(X + ";WRITE_DELAY=100;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE" + CACHE);
        assertThat(JdbcUrls.effective("jdbc:h2:file:./x;auto_server=TRUE"))
                .isEqualTo(X + ";auto_server=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0" + CACHE);
    }

    @org.junit.jupiter.api.Test
    void aFileKeptToOneProcessIsStillRecoveredAndWrittenAtEveryCommit() {
        assertThat(JdbcUrls.effective("jdbc:h2:file:./x;AUTO_SERVER=FALSE"))
                .isEqualTo(X + ";AUTO_SERVER=FALSE;WRITE_DELAY=0" + CACHE);
    }

    @org.junit.jupiter.api.Test
    void aConfiguredStatementCacheSizeIsKept() {
        assertThat(JdbcUrls.effective("jdbc:h2:file:./x;QUERY_CACHE_SIZE=16"))
                .isEqualTo(X + ";QUERY_CACHE_SIZE=16;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0");
    }

    @org.junit.jupiter.api.Test
    void theFilePathIsFoundForTheOpenLock() {
        assertThat(JdbcUrls.h2FilePath("jdbc:h2:file:/var/lib/replygate/db;MODE=Regular"))
                .contains(java.nio.file.Path.of("/var/lib/replygate/db"));
        assertThat(JdbcUrls.h2FilePath("jdbc:h2:mem:x")).isEmpty();
        assertThat(JdbcUrls.h2FilePath("jdbc:postgresql://h/db")).isEmpty();
    }

    /** The new store is made under another name with the configured settings (a mode, compression). */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:./data/replygate", "jdbc:h2:./data/replygate", "jdbc:h2:~/replygate",
            "JDBC:H2:FILE:./data/replygate"})
    void anotherFileKeepsTheSettings(String path) {
        java.nio.file.Path made = java.nio.file.Path.of("/var/lib/replygate/replygate.creating");
        assertThat(JdbcUrls.withFile(path, made)).isEqualTo("jdbc:h2:file:/var/lib/replygate/replygate.creating");
        assertThat(JdbcUrls.withFile(path + ";COMPRESS=TRUE;MODE=Regular", made))
                .isEqualTo("jdbc:h2:file:/var/lib/replygate/replygate.creating;COMPRESS=TRUE;MODE=Regular");
    }

    /** What the configuration refuses is refused here too: replygate's recovery would not see the file. */
    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:file:/var/lib/replygate/db;CIPHER=AES",
            "jdbc:h2:/var/lib/replygate/db;MODE=Regular;cipher=aes",
            "jdbc:h2:nio:/var/lib/replygate/db",
            "jdbc:h2:file:split:/var/lib/replygate/db",
            "jdbc:h2:replygate:/var/lib/replygate/db"})
    void aRefusedH2UrlNamesNoFileToOpen(String url) {
        assertThatThrownBy(() -> JdbcUrls.h2FilePath(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("store.url: H2's ").hasMessageContaining("not supported");
        assertThatThrownBy(() -> JdbcUrls.effective(url)).isInstanceOf(IllegalArgumentException.class);
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
