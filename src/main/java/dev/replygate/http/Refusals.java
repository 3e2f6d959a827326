package dev.replygate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ends a request the server itself refuses (no credentials, too big, failed): in plain text, or as
 * RFC 9457 problem+json where a feature answers in JSON (see {@link HttpRoutes#answersInJson}).
 */
public final class Refusals {

    /** The media type of an RFC 9457 problem document. */
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWERED = "replygate.problem";

    private final List<HttpRoutes> features;

    Refusals(List<HttpRoutes> features) {
        this.features = List.copyOf(features);
    }

    void refuse(Context ctx, HttpStatus status, String detail) {
        if (features.stream().anyMatch(feature -> feature.answersInJson(ctx.path()))) {
            problem(ctx, status, detail, Map.of());
        } else {
            ctx.status(status).contentType("text/plain; charset=utf-8")
                    .result(status.getCode() + " " + status.getMessage() + ": " + detail + "\n");
        }
    }

    /** True when the request has been answered with a problem document already. */
    public static boolean answered(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(ANSWERED));
    }

    /**
     * Answers with an RFC 9457 problem document: {@code about:blank} type, the status's title,
     * {@code detail}, and {@code extensions} (such as the field at fault) beside them.
     */
    public static void problem(Context ctx, HttpStatus status, String detail, Map<String, ?> extensions) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getMessage());
        problem.put("status", status.getCode());
        problem.put("detail", detail);
        problem.putAll(extensions);
        try {
            ctx.status(status).contentType(PROBLEM_JSON).result(JSON.writeValueAsString(problem));
            ctx.attribute(ANSWERED, true);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }
}
