package dev.replygate.digest;

import dev.replygate.notify.RenderedTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest of a fixed data set, in English and Persian, equals the checked-in golden files
 * (src/test/resources/digest/). After a deliberate change to the digest, regenerate them with
 * {@code mvn -o test -Dtest=DigestGoldenTest -Ddigest.golden.update=true} and read the diff.
 */
class DigestGoldenTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "digest");
    private static final boolean UPDATE = Boolean.getBoolean("digest.golden.update");

    @TempDir
    Path folder;

    @Test
    void englishDigestMatchesItsGoldenFiles() throws IOException {
        matchesGolden("daily", "en");
    }

    @Test
    void persianDigestMatchesItsGoldenFiles() throws IOException {
        matchesGolden("daily-fa", "fa");
    }

    private void matchesGolden(String digestName, String language) throws IOException {
        try (DigestWorld world = new DigestWorld(folder)) {
            matchesGolden(world, digestName, language);
        }
    }

    /** Fills {@code world} with the data set and compares its digest {@code digestName} with the golden files. */
    static void matchesGolden(DigestWorld world, String digestName, String language) throws IOException {
        world.fill();
        Digests digests = world.digests();
        RenderedTemplate mail = digests.render(digests.named(digestName),
                new DigestSchedule(digests.named(digestName)).endedBy(DigestWorld.FIRING).orElseThrow());

        String text = "Subject: " + mail.subject() + "\n\n" + mail.text();
        compare(GOLDEN.resolve("digest-" + language + ".html"), mail.html());
        compare(GOLDEN.resolve("digest-" + language + ".txt"), text);
    }

    private static void compare(Path golden, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s (regenerate with -Ddigest.golden.update=true)", golden).exists();
        assertThat(actual).as("the digest against %s", golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
