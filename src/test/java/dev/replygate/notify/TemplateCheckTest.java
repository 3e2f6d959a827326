package dev.replygate.notify;

import dev.replygate.config.ConfigException;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.ConfigProblem;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.inbound.PipelineConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** check-config's template check: with the renderer {@code run} renders with, on an admin's override folder. */
class TemplateCheckTest {

    @TempDir
    Path dir;

    @Test
    void aTemplateThatDoesNotCompileIsAConfigurationErrorAtItsEvent() throws IOException {
        override("en/ticket-answered.subject.peb", "New answer on #{{ ticket }");

        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> load());

        assertThat(failure).as("check-config accepted a template run cannot render").isNotNull();
        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyPath()).isEqualTo("notifications.events.answered");
            assertThat(problem.message()).contains("en/ticket-answered.subject.peb", "does not compile");
        });
    }

    @Test
    void aBrokenRedirectTemplateIsFoundTooThoughNoEventNamesIt() throws IOException {
        override("fa/reply-redirect.html.peb", "{% if ticket %}<p>{{ ticket }}</p>");

        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> load());

        assertThat(failure).as("check-config accepted a template run cannot render").isNotNull();
        assertThat(failure.problems()).extracting(ConfigProblem::message)
                .singleElement().asString().contains("fa/reply-redirect.html.peb");
    }

    @Test
    void replygatesOwnFiltersCompileAsTheyRender() throws IOException {
        override("en/ticket-answered.subject.peb", "New answer on #{{ ticket | isolate }} {{ 5 | localnumber }}");

        assertThat(load().notifications().events()).containsEntry("answered", "ticket-answered");
    }

    private ReplygateConfig load() throws IOException {
        Path file = PipelineConfigFile.write(dir, "");
        Files.writeString(file, Files.readString(file) + "templates:\n  directory: " + dir.resolve("templates") + "\n");
        return ConfigLoader.load(file, List.of(new TemplateCheck())).config();
    }

    private void override(String name, String content) throws IOException {
        Path file = dir.resolve("templates").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
