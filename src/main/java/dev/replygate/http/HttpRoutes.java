package dev.replygate.http;

import io.javalin.config.RoutesConfig;

/**
 * The routes one feature serves on the embedded server (metrics and health, the status page, the
 * portal's API). Every route is behind the server's credentials; a form that changes something
 * carries {@link AccessGuard#csrfToken} and the server refuses such a POST without it.
 */
@FunctionalInterface
public interface HttpRoutes {

    void addTo(RoutesConfig routes);

    /**
     * True when this feature's clients read JSON at {@code path}: the server's own refusals there
     * (401, 403, 413, 421, 500) are then RFC 9457 problem documents rather than plain text.
     */
    default boolean answersInJson(String path) {
        return false;
    }
}
