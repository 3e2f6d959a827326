package dev.replygate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistakes that {@code run} found only when it started, exiting 1 with a stack trace (which systemd restarts, where
 * 78 stops it): {@code check-config} names them at their key and position and exits 78, before any store is made.
 */
class CheckConfigRefusesWhatRunCannotStartTest {

    private static final String URL_PASSWORD = "url-password-that-must-not-be-printed";

    @TempDir
    Path folder;

    @Test
    void aDigestWhoseCronExpressionNeverFires() throws IOException {
        Path config = TestConfigFile.write(folder, 2525);
        Files.writeString(config, """
                digests:
                  - name: daily
                    cron: "0 0 8 31 4 ?"
                    time-zone: Asia/Tehran
                    recipients: [lead@example.com]
                """, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        int line = lineOf(config, "    cron: ");

        InProcessCli.Run check = InProcessCli.run("check-config", "--config", config.toString());

        assertThat(check.exitCode()).as(check.err()).isEqualTo(ExitCodes.CONFIG);
        assertThat(check.err()).contains("replygate.yaml:" + line + ":11: digests[0].cron: `0 0 8 31 4 ?` never"
                + " fires (in its time zone Asia/Tehran)");
        assertThat(check.out()).doesNotContain("configuration OK");
        assertThat(folder.resolve("db")).as("no store was made").doesNotExist();
    }

    @Test
    void anH2SettingH2DoesNotKnow() {
        Path config = TestConfigFile.write(folder, 2525, "1s", "url: \"jdbc:h2:file:" + TestConfigFile.storeBase(folder)
                + ";PASSWORD=" + URL_PASSWORD + ";AUTO_SEVER=TRUE\"");
        int line = lineOf(config, "  url: ");

        InProcessCli.Run check = InProcessCli.run("check-config", "--config", config.toString());

        assertThat(check.exitCode()).as(check.err()).isEqualTo(ExitCodes.CONFIG);
        assertThat(check.err()).contains("replygate.yaml:" + line + ":8: store.url: ")
                .contains("H2 does not know the connection setting `AUTO_SEVER`");
        assertThat(check.err() + check.out()).doesNotContain(URL_PASSWORD);
        assertThat(folder.resolve("db")).as("no store was made").doesNotExist();
    }

    private static int lineOf(Path config, String prefix) {
        try {
            List<String> lines = Files.readAllLines(config, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("no line starts with `" + prefix + "` in " + config);
    }
}
