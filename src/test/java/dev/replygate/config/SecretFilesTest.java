package dev.replygate.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code -file} twins of secret keys. */
class SecretFilesTest {

    private static final String LONG_SECRET = "s3cret-from-a-file-that-is-long-enough";

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void readsTheSecretRelativeToTheConfigFolderWithoutTrailingLineBreaks() {
        fixture.writeFile("secrets/db", "db-pass\r\n\n");
        fixture.writeFile("secrets/signing", LONG_SECRET + "\n");
        Path file = fixture.write(ConfigFixture.MINIMAL
                .replace("secret: " + ConfigFixture.SIGNING_SECRET, "secret-file: secrets/signing")
                + "store:\n  password: \"\"\n  password-file: secrets/db\n");

        ReplygateConfig config = fixture.load(file).config();

        assertThat(config.store().password().reveal()).isEqualTo("db-pass");
        assertThat(config.signing().keys().get(0).secret().reveal()).isEqualTo(LONG_SECRET);
    }

    @Test
    void readsAnAbsolutePathAsItIs(@TempDir Path elsewhere) {
        Path secret = new ConfigFixture(elsewhere).writeFile("db-password", "db pass  ");

        ReplygateConfig config = fixture.load(fixture.writeMinimalWith("store.password-file", secret.toString()))
                .config();

        assertThat(config.store().password().reveal()).as("only line breaks are trimmed").isEqualTo("db pass  ");
    }

    @Test
    void aMissingFileIsAProblemNamingKeyAndPath() {
        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("store.password-file", "nope.txt"));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("store.password-file");
            assertThat(problem.message()).isEqualTo("cannot read secret file `" + dir.resolve("nope.txt").toAbsolutePath()
                    + "`: no such file");
        });
    }

    @Test
    void anUnreadableFileNeverShowsItsContent() {
        fixture.writeBytes("binary", new byte[]{'t', 'o', 'p', (byte) 0xFF, 's', 'e', 'c', 'r', 'e', 't'});
        fixture.writeFile("folder/inside", "x");

        ConfigException notUtf8 = fixture.loadFailing(fixture.writeMinimalWith("store.password-file", "binary"));
        ConfigException folder = fixture.loadFailing(fixture.writeMinimalWith("store.password-file", "folder"));

        assertThat(notUtf8.getMessage()).contains("store.password-file", "binary`: not UTF-8 text")
                .doesNotContain("top").doesNotContain("secret`");
        assertThat(folder.getMessage()).contains("store.password-file", "folder`: ");
    }

    @Test
    void anEmptyFileIsAProblem() {
        fixture.writeFile("empty", "\n");

        ConfigException failure = fixture.loadFailing(fixture.writeMinimalWith("store.password-file", "empty"));

        assertThat(failure.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).endsWith("empty` is empty"));
    }

    @Test
    void givingBothTheSecretAndItsFileIsAProblem() {
        fixture.writeFile("signing", LONG_SECRET);

        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL + "      secret-file: signing\n");

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(15);
            assertThat(problem.keyPath()).isEqualTo("signing.keys[0].secret-file");
            assertThat(problem.message()).startsWith("`signing.keys[0].secret` is set too");
        });
        assertThat(failure.getMessage()).doesNotContain(ConfigFixture.SIGNING_SECRET).doesNotContain(LONG_SECRET);
    }

    @Test
    void aShortSecretFromAFileIsReportedAtTheFileKey() {
        fixture.writeFile("short", "tiny\n");

        ConfigException failure = fixture.loadFailing(ConfigFixture.MINIMAL
                .replace("secret: " + ConfigFixture.SIGNING_SECRET, "secret-file: short"));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("signing.keys[0].secret-file");
            assertThat(problem.message()).startsWith("is 4 characters long");
        });
        assertThat(failure.getMessage()).doesNotContain("tiny");
    }
}
