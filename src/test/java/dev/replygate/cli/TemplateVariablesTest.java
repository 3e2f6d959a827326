package dev.replygate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code notify --vars-file}: a JSON object of plain values, --var on top; anything else refused naming file and key. */
class TemplateVariablesTest {

    @TempDir
    Path dir;

    @Test
    void plainValuesAsTextAndOptionsWin() throws Exception {
        Path file = Files.writeString(dir.resolve("vars.json"), "{\"subject\": \"Down\", \"count\": 3, \"vip\": true}");

        assertThat(TemplateVariables.merge(file, Map.of("subject", "Up")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("subject", "Up", "count", "3", "vip", "true"));
    }

    @Test
    void anObjectANullOrNotAnObjectIsRefusedNamingTheFileAndKey() throws Exception {
        Path nested = Files.writeString(dir.resolve("nested.json"), "{\"subject\": {\"a\": 1}}");
        Path empty = Files.writeString(dir.resolve("null.json"), "{\"subject\": null}");
        Path list = Files.writeString(dir.resolve("list.json"), "[1, 2]");

        assertThatThrownBy(() -> TemplateVariables.readJson(nested)).isInstanceOf(UserFacingException.class)
                .hasMessage(nested + ": variable `subject` must be a string, number or boolean");
        assertThatThrownBy(() -> TemplateVariables.readJson(empty))
                .hasMessage(empty + ": variable `subject` must be a string, number or boolean");
        assertThatThrownBy(() -> TemplateVariables.readJson(list))
                .hasMessage(list + ": variables must be a JSON object of names to values");
    }
}
