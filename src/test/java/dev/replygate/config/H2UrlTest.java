package dev.replygate.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class H2UrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:file:./data/replygate                     | ./data/replygate",
            "jdbc:h2:file:/var/lib/replygate/db;MODE=Regular    | /var/lib/replygate/db",
            "jdbc:h2:./data/replygate                          | ./data/replygate",
            "jdbc:h2:~/replygate                               | ~/replygate",
            "jdbc:h2:C:/replygate/data                         | C:/replygate/data",
            "JDBC:H2:FILE:./data/replygate                     | ./data/replygate",
            "jdbc:h2:/var/lib/replygate/db;COMPRESS=TRUE       | /var/lib/replygate/db"})
    void onlyFileAndABarePathNameAFile(String url, String fileName) {
        assertThat(H2Url.fileName(url)).contains(fileName);
        assertThat(H2Url.isFile(url)).isTrue();
        assertThat(H2Url.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:mem:replygate", "jdbc:h2:tcp://db.example.org/replygate",
            "jdbc:h2:ssl://db.example.org/replygate", "jdbc:h2:zip:./backup.zip!/replygate",
            "jdbc:postgresql://db.example.org/replygate"})
    void otherDatabasesAreNoFileAndTaken(String url) {
        assertThat(H2Url.isFile(url)).isFalse();
        assertThat(H2Url.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:nio:/var/lib/replygate/db", "jdbc:h2:split:28:./data/replygate",
            "jdbc:h2:async:./data/replygate", "jdbc:h2:encrypt:./data/replygate", "jdbc:h2:file:nio:./data/replygate",
            "jdbc:h2:replygate:/var/lib/replygate/db"})
    void anotherFileSystemIsRefusedAndNamesNoFile(String url) {
        assertThat(H2Url.refusal(url)).hasValueSatisfying(reason -> assertThat(reason).contains("file system"));
        assertThat(H2Url.isFile(url)).isFalse();
    }

    /** H2 reads a setting's name in any case. */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:./data/replygate;CIPHER=AES", "jdbc:h2:./data/replygate;MODE=Regular;cipher=aes",
            "jdbc:h2:~/replygate;Cipher=AES;AUTO_SERVER=FALSE", "jdbc:h2:file:./data/replygate;CIPHER="})
    void anEncryptedFileIsRefused(String url) {
        assertThat(H2Url.refusal(url)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("CIPHER").contains("encrypted file system"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:./data/replygate;CIPHERS=AES", "jdbc:h2:file:./data/cipher=aes",
            "jdbc:h2:tcp://db.example.org/replygate;CIPHER=AES"})
    void aSettingMerelyLikeItOrOneForAServerIsNotRefused(String url) {
        assertThat(H2Url.refusal(url)).isEmpty();
    }

    /** H2's own settings, the ones replygate adds (store/JdbcUrls) among them, in any case. */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:./data/replygate;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0",
            "jdbc:h2:file:./data/replygate;QUERY_CACHE_SIZE=64;ACCESS_MODE_DATA=r;AUTO_SERVER=FALSE",
            "jdbc:h2:./data/replygate;auto_server=true;Mode=PostgreSQL;DB_CLOSE_DELAY=-1;COMPRESS=TRUE",
            "JDBC:H2:FILE:./data/replygate;WRITE_DELAY=0", "jdbc:h2:mem:replygate;DB_CLOSE_DELAY=-1",
            "jdbc:h2:tcp://db.example.org/replygate;USER=sa;PASSWORD=hunter2", "jdbc:h2:file:./data/cipher=aes",
            "jdbc:postgresql://db.example.org/replygate?foo=bar&password=hunter2"})
    void settingsH2KnowsAreTaken(String url) {
        assertThat(H2Url.settingsRefusal(url)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:file:./data/replygate;AUTO_SEVER=TRUE                  | AUTO_SEVER",
            "jdbc:h2:./data/replygate;PASSWORD=hunter2;write_dealy=0       | WRITE_DEALY",
            "jdbc:h2:tcp://db.example.org/replygate;CIPHERS=AES            | CIPHERS",
            "jdbc:h2:mem:replygate;MODE=PostgreSQL;NO_SUCH_THING=1         | NO_SUCH_THING"})
    void aSettingH2DoesNotKnowIsNamed(String url, String setting) {
        assertThat(H2Url.settingsRefusal(url)).contains("H2 does not know the connection setting `" + setting + "`");
    }

    /** H2's own words, without a password of the URL. */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:./data/replygate;PASSWORD=hunter2;MODE=Regular;MODE=PostgreSQL",
            "jdbc:h2:file:./data/replygate;PASSWORD=hunter2;AUTO_SERVER",
            "jdbc:h2:file:./data/replygate;PASSWORD=hunter2;TIME ZONE=Mars/Olympus",
            "jdbc:h2:file:./data/replygate;hunter2",
            "jdbc:h2:file:./data/replygate;PASSWROD=hunter2;PASSWROD=hunter3"})
    void otherSettingsH2RefusesAreRefusedWithoutThePassword(String url) {
        assertThat(H2Url.settingsRefusal(url)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("H2 ").doesNotContain("hunter"));
    }
}
