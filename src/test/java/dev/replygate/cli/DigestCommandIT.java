package dev.replygate.cli;

import dev.replygate.testsupport.LoopbackGreenMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code replygate digest list|preview|send} from the command line, beside no daemon. */
class DigestCommandIT {

    private static final String OPERATOR = "ops@hosting.test";

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();
    private Path config;

    @BeforeEach
    void setUp() {
        config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        TestConfigFile.appendSupportMailbox(config, greenMail.getImap().getPort(), "", """
                digests:
                  - name: daily
                    cron: "0 0 8 * * ?"
                    time-zone: Asia/Tehran
                    recipients: [%s]
                  - name: weekly-fa
                    cron: "0 0 8 ? * SAT"
                    locale: fa
                    recipients: [%s]
                    empty-period: nothing
                """.formatted(OPERATOR, OPERATOR));
    }

    @Test
    void listPreviewAndSend() throws Exception {
        ReplygateJar.Result list = ReplygateJar.run(folder, "digest", "list", "--config", config.toString());
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.stdout()).contains("daily", "cron: 0 0 8 * * ? (Asia/Tehran), next: ", "weekly-fa",
                "recipients: " + OPERATOR, "empty period: nothing");

        ReplygateJar.Result text = ReplygateJar.run(folder, "digest", "preview", "daily", "--config", config.toString(),
                "--from", "2026-03-20", "--to", "2026-03-21T08:00", "--text");
        assertThat(text.exitCode()).as(text.describe()).isZero();
        assertThat(text.stdout()).startsWith("Subject: Mail digest daily, March 21, 2026: all quiet")
                .contains("March 20, 2026 at 12:00", "to March 21, 2026 at 8:00", "All quiet");

        Path html = folder.resolve("digest.html");
        ReplygateJar.Result preview = ReplygateJar.run(folder, "digest", "preview", "weekly-fa", "--config",
                config.toString(), "--out", html.toString());
        assertThat(preview.exitCode()).as(preview.describe()).isZero();
        assertThat(preview.stdout()).startsWith("wrote " + html);
        assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("<html lang=\"fa\" dir=\"rtl\"");

        ReplygateJar.Result send = ReplygateJar.run(folder, "digest", "send", "daily", "--config", config.toString());
        assertThat(send.exitCode()).as(send.describe()).isZero();
        assertThat(send.stdout()).containsPattern("digest daily for .* outbox#\\d+ queued to " + OPERATOR);
        ReplygateJar.Result outbox = ReplygateJar.run(folder, "outbox", "list", "--config", config.toString());
        assertThat(outbox.stdout()).contains(OPERATOR, "Mail digest daily");

        ReplygateJar.Result quiet = ReplygateJar.run(folder, "digest", "send", "weekly-fa", "--config",
                config.toString());
        assertThat(quiet.stdout()).contains("nothing happened, nothing queued (empty-period: nothing)");
    }

    @Test
    void anUnknownDigestOrTimeIsAUsageError() {
        ReplygateJar.Result unknown = ReplygateJar.run(folder, "digest", "send", "monthly", "--config",
                config.toString());
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("no digest named `monthly`; configured: daily, weekly-fa");

        ReplygateJar.Result badTime = ReplygateJar.run(folder, "digest", "preview", "daily", "--config",
                config.toString(), "--from", "yesterday");
        assertThat(badTime.exitCode()).as(badTime.describe()).isEqualTo(2);
        assertThat(badTime.stderr()).contains("--from: `yesterday` is not a time");

        ReplygateJar.Result backwards = ReplygateJar.run(folder, "digest", "preview", "daily", "--config",
                config.toString(), "--from", "2026-03-21", "--to", "2026-03-20");
        assertThat(backwards.exitCode()).as(backwards.describe()).isEqualTo(2);
        assertThat(backwards.stderr()).contains("must start before it ends");
    }
}
