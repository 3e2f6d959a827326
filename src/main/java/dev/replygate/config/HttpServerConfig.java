package dev.replygate.config;

import java.util.List;
import java.util.Optional;

/**
 * The embedded HTTP server: metrics, health and, later, the status page and the portal's API.
 *
 * @param enabled     whether {@code run} starts it
 * @param bindAddress the address it listens on: loopback unless credentials are configured
 * @param port        the port it listens on
 * @param tokens      bearer tokens, each with a name for the log; any one is let in
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

    /** A bearer token a client sends as {@code Authorization: Bearer TOKEN}. */
    public record BearerToken(String name, Secret token) {
    }

    /** The login a browser sends as {@code Authorization: Basic …}. */
    public record BasicAuth(String username, Secret password) {
    }
}
