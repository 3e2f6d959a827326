package dev.replygate.store;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An H2 file store is never open with an empty password: one is generated, and an old store gets it. */
class StorePasswordTest {

    @TempDir
    Path folder;

    private Path database() {
        return folder.resolve("replygate");
    }

    @Test
    void aNewStoreGetsAGeneratedPasswordKeptForItsUserAlone() throws Exception {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            store.inTransaction(c -> TestRows.insertOutbox(c, "k1", "new@replygate.test"));
        }

        Path file = GeneratedPassword.fileOf(database());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file).strip()).hasSizeGreaterThanOrEqualTo(40);
        assertRefusedWithEmptyPassword();
        try (Store again = Store.open(StoreConfigs.h2In(folder))) {
            assertThat(TestRows.rawMessage(again, "new@replygate.test")).isNotNull();
        }
    }

    @Test
    void aStoreMadeWithAnEmptyPasswordIsGivenTheGeneratedOneAndKeepsItsRows() throws Exception {
        try (Store old = Store.open(new StoreConfig(StoreConfigs.jdbcH2File(folder), "sa", Secret.empty(), 2))) {
            old.inTransaction(c -> TestRows.insertOutbox(c, "k1", "old@replygate.test"));
        }
        // as replygate left a store before it generated passwords
        try (Connection connection = DriverManager.getConnection(JdbcUrls.effective(StoreConfigs.jdbcH2File(folder)),
                "sa", Files.readString(GeneratedPassword.fileOf(database())).strip())) {
            connection.createStatement().execute("ALTER USER SA SET PASSWORD ''");
        }
        Files.delete(GeneratedPassword.fileOf(database()));

        try (Store upgraded = Store.open(StoreConfigs.h2In(folder))) {
            assertThat(TestRows.rawMessage(upgraded, "old@replygate.test")).isNotNull();
        }

        assertThat(GeneratedPassword.fileOf(database())).isRegularFile();
        assertRefusedWithEmptyPassword();
    }

    @Test
    void aConfiguredPasswordIsUsedAsItIs() {
        StoreConfig configured = new StoreConfig(StoreConfigs.jdbcH2File(folder), "sa", Secret.of("configured-pw"), 2);
        try (Store store = Store.open(configured)) {
            store.inTransaction(c -> TestRows.insertOutbox(c, "k1", "configured@replygate.test"));
        }

        assertThat(GeneratedPassword.fileOf(database())).doesNotExist();
        try (Store again = Store.open(configured)) {
            assertThat(TestRows.rawMessage(again, "configured@replygate.test")).isNotNull();
        }
    }

    @Test
    void aPasswordFileThatDoesNotOpenTheStoreIsNamedAndItsContentNever() throws Exception {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            store.inTransaction(c -> TestRows.insertOutbox(c, "k1", "x@replygate.test"));
        }
        Files.writeString(GeneratedPassword.fileOf(database()), "not-the-password-1234\n");

        assertThatThrownBy(() -> Store.open(StoreConfigs.h2In(folder)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(GeneratedPassword.fileOf(database()).toString())
                .hasMessageContaining("store.password")
                .hasMessageNotContaining("not-the-password-1234");
    }

    private void assertRefusedWithEmptyPassword() {
        assertThatThrownBy(() -> DriverManager.getConnection(JdbcUrls.effective(StoreConfigs.jdbcH2File(folder)),
                "sa", "").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Wrong user name or password");
    }
}
