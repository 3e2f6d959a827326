package dev.replygate.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:file:./data/replygate",
            "jdbc:h2:file:/var/lib/replygate/db",
            "jdbc:h2:./data/replygate",
            "jdbc:h2:/var/lib/replygate/db",
            "jdbc:h2:~/replygate",
            "jdbc:h2:file:./data/replygate;MODE=Regular",
            "JDBC:H2:FILE:./data/replygate"})
    void anH2FileIsServedToOtherProcessesAndWritesEachCommitAtOnce(String url) {
        assertThat(JdbcUrls.effective(url)).isEqualTo(url + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:file:./data/replygate;AUTO_SERVER=FALSE;WRITE_DELAY=100",
            "jdbc:h2:file:./data/replygate;write_delay=0;auto_server=TRUE"})
    void settingsAnH2UrlGivesItselfAreKept(String url) {
        assertThat(JdbcUrls.effective(url)).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:file:./data/replygate;AUTO_SERVER=FALSE",
            "jdbc:h2:file:./data/replygate;auto_server=TRUE"})
    void anH2UrlThatChoosesItsServerModeStillWritesEachCommitAtOnce(String url) {
        assertThat(JdbcUrls.effective(url)).isEqualTo(url + ";WRITE_DELAY=0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:mem:test",
            "jdbc:h2:tcp://db.example.com/replygate",
            "jdbc:h2:ssl://db.example.com/replygate",
            "jdbc:postgresql://db.example.com/replygate"})
    void otherDatabasesAreKeptAsWritten(String url) {
        assertThat(JdbcUrls.effective(url)).isEqualTo(url);
    }
}
