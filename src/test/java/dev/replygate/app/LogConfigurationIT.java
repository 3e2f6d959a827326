package dev.replygate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.cli.TestConfigFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's logging as an admin meets it (no logback-test.xml on its class path): the shipped text lines,
 * JSON with {@code --log-format json} or {@code REPLYGATE_LOG_FORMAT}, {@code REPLYGATE_LOG_LEVEL}, and an
 * admin's own Logback file named by {@code -Dlogback.configurationFile} replacing all of it. Each run is
 * {@code run --once} on a mailbox whose port is closed, which logs one error about that mailbox.
 */
class LogConfigurationIT {

    private static final String TEXT_LINE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) "
            + "(ERROR|WARN |INFO ) \\[[^\\]]+\\] \\w+( \\[[^\\]]+\\])? - .*";

    @TempDir
    Path folder;
    private Path config;

    @BeforeEach
    void configWithAMailboxThatCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        config = TestConfigFile.write(folder, closedPort);
        Files.writeString(config, "mailboxes:\n" + TestConfigFile.mailboxItem("broken", closedPort, "none",
                "broken@hosting.test", "    password: nothing\n"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void theShippedTextLinesByDefault() {
        ReplygateJar.Result run = ReplygateJar.run(folder, "run", "--once", "--config", config.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        List<String> lines = run.stderr().lines().filter(line -> !line.startsWith("\tat ")).toList();
        assertThat(lines).as(run.describe()).anyMatch(line -> line.contains("mailbox failed: broken"))
                .anyMatch(line -> line.matches(TEXT_LINE) && line.contains("mailbox failed: broken"));
        assertThat(lines).filteredOn(line -> line.matches("\\d{4}-.*")).as(run.describe()).allMatch(line -> line.matches(TEXT_LINE));
    }

    @Test
    void jsonByTheOptionOrTheVariableAndTheLevelByItsVariable() throws IOException {
        ReplygateJar.Result option = ReplygateJar.run(folder, "run", "--once", "--log-format", "json",
                "--config", config.toString());
        ReplygateJar.Result variable = ReplygateJar.run(folder,
                Map.of("REPLYGATE_LOG_FORMAT", "json", "REPLYGATE_LOG_LEVEL", "ERROR"),
                "run", "--once", "--config", config.toString());

        for (ReplygateJar.Result run : List.of(option, variable)) {
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
            assertThat(run.stderr()).as(run.describe()).contains("mailbox failed: broken");
            for (String line : run.stderr().strip().split("\n")) {
                JsonNode json = new ObjectMapper().readTree(line);
                assertThat(json.has("level") && json.has("loggerName") && json.has("formattedMessage"))
                        .as(line).isTrue();
            }
        }
        assertThat(levels(option)).as(option.describe()).contains("INFO");
        assertThat(levels(variable)).as(variable.describe()).containsOnly("ERROR");
    }

    @Test
    void anAdminsOwnLogbackFileReplacesTheShippedConfiguration() throws IOException {
        Path own = Files.writeString(folder.resolve("admin-logback.xml"), """
                <configuration>
                  <appender name="OWN" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>ADMIN|%%level|%%logger{0}|%%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="dev.replygate" level="ERROR"/>
                  <root level="WARN"><appender-ref ref="OWN"/></root>
                </configuration>
                """.formatted(folder.resolve("admin.log")), StandardCharsets.UTF_8);

        ReplygateJar.Result run = ReplygateJar.run(folder,
                List.of("-Dlogback.configurationFile=" + own.toAbsolutePath()), ReplygateJar.COMMAND_LIMIT,
                "run", "--once", "--config", config.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).as("nothing on stderr in the shipped format: " + run.describe())
                .doesNotContainPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT").doesNotContain("mailbox failed");
        List<String> written = Files.readAllLines(folder.resolve("admin.log"), StandardCharsets.UTF_8);
        assertThat(written).as(run.describe()).anyMatch(line -> line.startsWith("ADMIN|ERROR|RunCommand|mailbox failed: broken"))
                .filteredOn(line -> !line.startsWith("\tat ") && !line.startsWith("Caused by") && line.contains("|"))
                .allMatch(line -> line.startsWith("ADMIN|ERROR|"));
    }

    private static List<String> levels(ReplygateJar.Result run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> levels = new ArrayList<>();
        for (String line : run.stderr().strip().split("\n")) {
            levels.add(json.readTree(line).get("level").asText());
        }
        return levels;
    }
}
