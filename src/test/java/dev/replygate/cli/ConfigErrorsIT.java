package dev.replygate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2, acceptance: a config with an unknown key, a missing required key, a port of 70000, a
 * malformed address, a template that does not exist and a secret given twice exits 78 and names
 * every one of them with its line, before anything starts. Out of process, as an admin runs it.
 */
class ConfigErrorsIT {

    private static final String SMTP_SECRET = "smtp-secret-that-must-not-be-printed";

    @TempDir
    Path folder;

    private Path config;
    private List<String> lines;

    @BeforeEach
    void writeBrokenConfig() throws IOException {
        Files.writeString(folder.resolve("smtp-password"), "from-the-file\n", StandardCharsets.UTF_8);
        String yaml = """
                instance:
                  name: replygate-e2e
                  domain: hosting.test
                  colour: blue
                portal:
                  name: Test Hosting
                  ticket-url: https://portal.hosting.test/viewticket.php?tid={ticket}
                  new-ticket-url: https://portal.hosting.test/submitticket.php
                  signup-url: https://portal.hosting.test/register.php
                  admin-ticket-url: https://portal.hosting.test/admin/ticket.php?id={ticket}&c={ticketKey}
                store:
                  url: jdbc:h2:file:%s
                smtp:
                  host: 127.0.0.1
                  port: 70000
                  username: relay
                  password: %s
                  password-file: smtp-password
                sender:
                  from: "Test Support <support@@hosting.test>"
                signing:
                  active-key: e2e1
                  keys:
                    - id: e2e1
                      secret: e2e-secret-only-for-tests-0123456789-abcdefgh
                notifications:
                  events:
                    opened: no-such-template
                    answered: ticket-answered
                """.formatted(TestConfigFile.storeBase(folder), SMTP_SECRET);
        config = folder.resolve("broken.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        lines = yaml.lines().toList();
    }

    /** The 1-based line of the only line that starts with {@code prefix}. */
    private int line(String prefix) {
        List<Integer> found = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                found.add(i + 1);
            }
        }
        assertThat(found).as("lines starting with '%s'", prefix).hasSize(1);
        return found.get(0);
    }

    /** A problem line: {@code broken.yaml:LINE:COLUMN: key.path: …}, LINE one of {@code lineNumbers}. */
    private static Pattern problem(String keyPath, int... lineNumbers) {
        StringBuilder alternatives = new StringBuilder();
        for (int n : lineNumbers) {
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(n);
        }
        return Pattern.compile("(?m)^.*broken\\.yaml:(" + alternatives + ")(:\\d+)?: "
                + Pattern.quote(keyPath) + "\\b.*$");
    }

    @Test
    void checkConfigExits78AndNamesEveryProblemWithItsLine() {
        ReplygateJar.Result check = ReplygateJar.run(folder, "check-config", "--config", config.toString());

        assertThat(check.exitCode()).as(check.describe()).isEqualTo(78);
        String err = check.stderr();
        assertThat(err).as(check.describe())
                .containsPattern(problem("instance.colour", line("  colour: blue")))
                // a missing key has no line of its own: the line of the mapping that lacks it
                .containsPattern(problem("portal.client-area-url", line("portal:")))
                .containsPattern(problem("smtp.port", line("  port: 70000")))
                .containsPattern(problem("portal.admin-ticket-url", line("  admin-ticket-url: ")))
                .containsPattern(problem("sender.from", line("  from: ")))
                .containsPattern(problem("notifications.events.opened", line("    opened: no-such-template")))
                // either line of the pair names the conflict
                .containsPattern(Pattern.compile("(?m)^.*broken\\.yaml:(" + line("  password: ") + "|"
                        + line("  password-file: ") + ")(:\\d+)?: smtp\\.password(-file)?\\b.*$"));
        assertThat(err).contains("70000", "no-such-template", "support@@hosting.test");
        assertThat(err.lines().filter(l -> l.contains("broken.yaml:")).count())
                .as("each problem once, nothing else:\n%s", err).isEqualTo(7);
        assertThat(err + check.stdout()).as("a secret never reaches the output").doesNotContain(SMTP_SECRET);
        assertNoStore();
    }

    @Test
    void runExits78BeforeAnythingStarts() {
        // were the config accepted, `run` would keep running and the bounded wait would fail the test
        ReplygateJar.Result run = ReplygateJar.run(folder, "run", "--config", config.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(78);
        assertThat(run.stderr()).contains("smtp.port", "instance.colour").doesNotContain(SMTP_SECRET)
                .doesNotContain("starting");
        assertNoStore();
    }

    @Test
    void runOnceExits78BeforeAnythingStarts() {
        ReplygateJar.Result run = ReplygateJar.run(folder, "run", "--once", "--config", config.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(78);
        assertNoStore();
    }

    @Test
    void notifyExits78AndQueuesNothing() {
        ReplygateJar.Result notify = ReplygateJar.run(folder, "notify", "--config", config.toString(),
                "--ticket", "482913", "--event", "answered", "--to", "customer@example.net",
                "--var", "subject=Website is down");

        assertThat(notify.exitCode()).as(notify.describe()).isEqualTo(78);
        assertThat(notify.stderr()).contains("notifications.events.opened");
        assertThat(notify.stdout()).doesNotContain("queued");
        assertNoStore();
    }

    @Test
    void outboxListExits78() {
        ReplygateJar.Result list = ReplygateJar.run(folder, "outbox", "list", "--config", config.toString());

        assertThat(list.exitCode()).as(list.describe()).isEqualTo(78);
        assertNoStore();
    }

    @Test
    void aValidConfigPassesTheSameCheck() {
        Path valid = TestConfigFile.write(folder, 2525);

        ReplygateJar.Result check = ReplygateJar.run(folder, "check-config", "--config", valid.toString());

        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.stdout()).contains("configuration OK");
        assertThat(check.stdout() + check.stderr()).doesNotContain("e2e-secret-only-for-tests");
    }

    @Test
    void usageErrorsExit2() {
        ReplygateJar.Result unknownOption = ReplygateJar.run(folder, "check-config", "--config", config.toString(),
                "--no-such-option");
        assertThat(unknownOption.exitCode()).as(unknownOption.describe()).isEqualTo(2);
        assertThat(unknownOption.stderr()).contains("--no-such-option");

        ReplygateJar.Result missingOption = ReplygateJar.run(folder, "notify", "--config", config.toString(),
                "--event", "answered", "--to", "customer@example.net");
        assertThat(missingOption.exitCode()).as(missingOption.describe()).isEqualTo(2);
        assertThat(missingOption.stderr()).contains("--ticket");

        ReplygateJar.Result unknownCommand = ReplygateJar.run(folder, "frobnicate");
        assertThat(unknownCommand.exitCode()).as(unknownCommand.describe()).isEqualTo(2);
        assertNoStore();
    }

    private void assertNoStore() {
        assertThat(folder.resolve("db")).as("no store was created").doesNotExist();
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.map(Path::toString).filter(name -> name.endsWith(".mv.db"))).isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
