package dev.replygate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 6: with the public example signing secret anyone can sign a Message-ID for any
 * ticket, so no command that signs or checks the configuration accepts it, nor runs without a secret.
 */
class ExampleSigningSecretRefusedIT {

    /** The secret the shipped configuration used to fall back to. */
    private static final String DOCUMENTED_EXAMPLE = "change-me-change-me-change-me-change-me";
    private static final Path SHIPPED = Path.of("config/replygate.yaml").toAbsolutePath();
    private static final String SECRET_KEY = "signing.keys[0].secret";

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"check-config", "notify", "run --once"})
    void theDocumentedExampleIsRefusedWithExit78(String command) {
        ReplygateJar.Result result = ReplygateJar.run(folder, Map.of("REPLYGATE_SIGNING_KEY", DOCUMENTED_EXAMPLE),
                args(command, SHIPPED));

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(78);
        assertThat(result.stderr()).as(result.describe())
                .containsPattern("replygate\\.yaml:" + secretLine(SHIPPED) + ":\\d+: " + quoted(SECRET_KEY)
                        + ": is the public example secret")
                .contains("openssl rand -base64 48")
                .doesNotContain(DOCUMENTED_EXAMPLE);
        assertThat(result.stdout()).doesNotContain("configuration OK", "queued");
        assertThat(folder.resolve("data")).as("no store was opened").doesNotExist();
    }

    @Test
    void theShippedConfigHasNoSecretOfItsOwn() {
        ReplygateJar.Result check = ReplygateJar.run(folder, "check-config", "--config", SHIPPED.toString());

        assertThat(check.exitCode()).as(check.describe()).isEqualTo(78);
        assertThat(check.stderr()).as(check.describe())
                .containsPattern("replygate\\.yaml:" + secretLine(SHIPPED) + ":\\d+: " + quoted(SECRET_KEY)
                        + ": environment variable `REPLYGATE_SIGNING_KEY` is not set");
    }

    @Test
    void anySecretContainingChangeMeIsRefused() throws IOException {
        Path config = TestConfigFile.write(folder, 2525);
        String yaml = Files.readString(config, StandardCharsets.UTF_8)
                .replaceAll("secret: .*", "secret: 0123456789abcdef-Change-Me-0123456789abcdef");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);

        ReplygateJar.Result check = ReplygateJar.run(folder, "check-config", "--config", config.toString());

        assertThat(check.exitCode()).as(check.describe()).isEqualTo(78);
        assertThat(check.stderr()).as(check.describe())
                .containsPattern("replygate\\.yaml:" + secretLine(config) + ":\\d+: " + quoted(SECRET_KEY)
                        + ": is the public example secret")
                .doesNotContain("0123456789abcdef-Change-Me");
    }

    private String[] args(String command, Path config) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--config", config.toString()));
        if (command.equals("notify")) {
            args.addAll(List.of("--ticket", "482913", "--event", "answered", "--to", "customer@example.net",
                    "--var", "subject=Website is down"));
        }
        return args.toArray(String[]::new);
    }

    /** The 1-based line of the config's only {@code secret:} key. */
    private static int secretLine(Path config) {
        try {
            List<String> lines = Files.readAllLines(config, StandardCharsets.UTF_8);
            List<Integer> found = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().startsWith("secret:")) {
                    found.add(i + 1);
                }
            }
            assertThat(found).as("secret: lines of %s", config).hasSize(1);
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        return Pattern.quote(text);
    }
}
