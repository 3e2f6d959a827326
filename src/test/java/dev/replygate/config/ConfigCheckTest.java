package dev.replygate.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Checks from other packages add problems at a key's place, reported with the loader's own. */
class ConfigCheckTest {

    private static final ConfigCheck NO_TEMPLATE_FOR_OPENED = (config, problems) -> problems.add(
            "notifications.events.opened",
            "template `" + config.notifications().events().get("opened") + "` does not exist");

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void aCheckProblemIsPlacedAtTheValueOfItsKey() {
        Path file = fixture.write(ConfigFixture.MINIMAL + """
                notifications:
                  events:
                    opened: ticket-foo
                """);

        ConfigException failure = fixture.loadFailing(file, NO_TEMPLATE_FOR_OPENED);

        assertThat(failure.getMessage()).isEqualTo(file
                + ":17:13: notifications.events.opened: template `ticket-foo` does not exist");
    }

    @Test
    void checkProblemsAndLoaderProblemsFailTheLoadTogetherInFileOrder() {
        Path file = fixture.write(ConfigFixture.MINIMAL + """
                notifications:
                  events:
                    opened: ticket-foo
                smtp:
                  port: 70000
                """);

        ConfigException failure = fixture.loadFailing(file, NO_TEMPLATE_FOR_OPENED);

        assertThat(failure.problems()).extracting(ConfigProblem::line, ConfigProblem::keyPath).containsExactly(
                tuple(17, "notifications.events.opened"),
                tuple(19, "smtp.port"));
    }

    @Test
    void aProblemAboutADefaultIsPlacedAtItsNearestWrittenKey() {
        Path file = fixture.write(ConfigFixture.MINIMAL);

        ConfigException failure = fixture.loadFailing(file,
                (config, problems) -> problems.add("portal.name", "is not set"),
                (config, problems) -> problems.add("templates.directory", "does not exist"));

        assertThat(failure.problems()).extracting(ConfigProblem::line, ConfigProblem::keyPath).containsExactly(
                tuple(1, "templates.directory"),
                tuple(3, "portal.name"));
    }

    @Test
    void checksThatFindNothingLetTheLoadSucceed() {
        List<ReplygateConfig> seen = new ArrayList<>();

        LoadedConfig loaded = fixture.load(fixture.write(ConfigFixture.MINIMAL), (config, problems) -> seen.add(config));

        assertThat(seen).containsExactly(loaded.config());
    }

    @Test
    void checksRunWithStandInsWhenTheLoaderFoundProblems() {
        List<ReplygateConfig> seen = new ArrayList<>();
        Path file = fixture.write(ConfigFixture.MINIMAL.replace("  domain: support.example.org\n", "")
                .replace("active-key: k1", "active-key: k2") + "smtp:\n  port: many\n");

        ConfigException failure = fixture.loadFailing(file, (config, problems) -> seen.add(config));

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath)
                .containsExactly("instance.domain", "signing.active-key", "smtp.port");
        assertThat(seen).singleElement().satisfies(config -> {
            assertThat(config.instance().domain()).isEqualTo("support.example.com");
            assertThat(config.signing().activeKey()).isEqualTo("k1");
            assertThat(config.smtp().port()).isEqualTo(25);
        });
    }

    @Test
    void aCheckProblemAboutAKeyTheLoaderRejectedIsDropped() {
        Path file = fixture.write(ConfigFixture.MINIMAL + """
                notifications:
                  events:
                    opened: Ticket Opened
                """);

        ConfigException failure = fixture.loadFailing(file, NO_TEMPLATE_FOR_OPENED,
                (config, problems) -> problems.add("notifications.events", "has no template for `closed`"));

        assertThat(failure.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                tuple("notifications.events.opened", "`Ticket Opened` is not valid: use lower-case letters,"
                        + " digits and hyphens, starting with a letter"));
    }
}
