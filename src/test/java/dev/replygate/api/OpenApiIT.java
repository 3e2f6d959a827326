package dev.replygate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document the server serves matches its routes: every route documented, every documented route answers. */
class OpenApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTIFICATION = """
            {"ticket": 1001, "event": "opened", "recipient": "sara@example.net",
             "variables": {"subject": "Website is down"}}""";

    @TempDir
    Path folder;

    private ApiServer api;
    private JsonNode document;

    @BeforeEach
    void start() throws Exception {
        api = new ApiServer(folder);
        HttpResponse<String> served = api.send(api.request("openapi.json"));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        document = JSON.readTree(served.body());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** The documented operations as {@code METHOD /path}, paths relative to the server URL {@code /api/v1}. */
    private List<String> documented() {
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        return operations;
    }

    @Test
    void itIsOpenApi31ForTheApisBase() {
        assertThat(document.get("openapi").asText()).startsWith("3.1.");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo(ApiRoutes.BASE);
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void everyRouteIsDocumentedAndNothingElse() {
        List<String> served = api.api.routes().stream()
                .map(route -> route.method().name() + " " + route.path().substring(ApiRoutes.BASE.length()))
                .toList();
        assertThat(documented()).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void everyDocumentedRouteAnswers() throws Exception {
        HttpResponse<String> queued = api.send(api.postJson("notifications", NOTIFICATION));
        long id = JSON.readTree(queued.body()).get("id").asLong();
        for (String operation : documented()) {
            String[] parts = operation.split(" ", 2);
            String path = parts[1].substring(1).replace("{id}", Long.toString(id));
            HttpResponse<String> answer = HandlerType.POST.name().equals(parts[0])
                    ? api.send(api.postJson(path, NOTIFICATION))
                    : api.send(api.request(path));
            assertThat(answer.statusCode()).as(operation + ": " + answer.body()).isBetween(200, 299);
        }
    }
}
