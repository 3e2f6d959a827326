package dev.replygate.config;

import java.util.List;
import java.util.Optional;

/**
 * The embedded HTTP server: metrics, health and, later, the status page and the portal's API.
 *
 * @param enabled     whether {@code run} starts it
 * @param bindAddress the address it listens on: loopback unless credentials are configured
 * @param port        the port it listens on
 * @param tokens      bearer tokens, each with a name for the log and its own rate limit on the API; any one
 *                    is let in
 * @param basicAuth   a user name and password for browsers, when configured
 */
public record HttpServerConfig(boolean enabled, String bindAddress, int port, List<BearerToken> tokens,
                               Optional<BasicAuth> basicAuth) {

    public HttpServerConfig {
        tokens = List.copyOf(tokens);
    }

    /** True when requests must present a token or the basic-auth login. */
    public boolean requiresCredentials() {
        return !tokens.isEmpty() || basicAuth.isPresent();
    }

    /**
     * A bearer token a client sends as {@code Authorization: Bearer TOKEN}.
     *
     * @param requestsPerMinute how many API requests it may make in a minute (bursts up to that many)
     */
    public record BearerToken(String name, Secret token, int requestsPerMinute) {

        /** The API requests a minute a token may make unless its configuration says otherwise. */
        public static final int DEFAULT_REQUESTS_PER_MINUTE = 120;

        public BearerToken(String name, Secret token) {
            this(name, token, DEFAULT_REQUESTS_PER_MINUTE);
        }
    }

    /** The login a browser sends as {@code Authorization: Basic …}. */
    public record BasicAuth(String username, Secret password) {
    }
}
