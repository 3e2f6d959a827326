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
}
