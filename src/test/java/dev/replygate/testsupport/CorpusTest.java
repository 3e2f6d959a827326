package dev.replygate.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusTest {

    @Test
    void theBuildPointsAtTheSharedCorpus() {
        assertThat(System.getProperty(Corpus.PROPERTY)).as("system property set by the pom").isNotBlank();
        Path root = Corpus.root();

        assertThat(root).isDirectory().isAbsolute();
        assertThat(root.resolve("README.md")).isRegularFile();
    }

    @Test
    void anAbsentCorpusSkipsTheTestNamingWhereItLooked(@TempDir Path dir) {
        Path absent = dir.resolve("corpus");

        assertThatThrownBy(() -> Corpus.existing(absent, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(absent.toString());
    }

    @Test
    void anAbsentCorpusFailsUnderCi(@TempDir Path dir) {
        assertThatThrownBy(() -> Corpus.existing(dir.resolve("corpus"), true))
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void aPresentCorpusIsReturnedAsIs(@TempDir Path dir) throws Exception {
        Path corpus = Files.createDirectory(dir.resolve("corpus"));

        assertThat(Corpus.existing(corpus, true)).isEqualTo(corpus);
    }
}
