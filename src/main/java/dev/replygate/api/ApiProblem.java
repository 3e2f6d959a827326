package dev.replygate.api;

import io.javalin.http.HttpStatus;

/** A request the API refuses: its status, what is wrong and, for a 400, the field at fault. */
final class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    ApiProblem(HttpStatus status, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
    }

    static ApiProblem badField(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, field, detail);
    }

    HttpStatus status() {
        return status;
    }

    /** The request's field at fault; null when the problem is not one field's. */
    String field() {
        return field;
    }
}
