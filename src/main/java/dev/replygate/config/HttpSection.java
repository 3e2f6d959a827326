package dev.replygate.config;

import dev.replygate.config.HttpServerConfig.BasicAuth;
import dev.replygate.config.HttpServerConfig.BearerToken;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Binds {@code http}. A server that listens beyond this machine must name credentials, and every
 * credential is long enough that guessing it over the network is hopeless.
 */
final class HttpSection {

    static final String LOOPBACK = "127.0.0.1";
    static final int DEFAULT_PORT = 9425;
    private static final int MIN_SECRET_LENGTH = 32;
    private static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -base64 48";
    private static final int MAX_REQUESTS_PER_MINUTE = 100_000;

    private HttpSection() {
    }

    static HttpServerConfig bind(MappingReader section) {
        Set<String> names = new HashSet<>();
        HttpServerConfig http = new HttpServerConfig(
                section.optional("enabled", false, ValueParsers.bool()),
                section.optional("bind-address", LOOPBACK, ValueParsers.host()),
                section.optional("port", DEFAULT_PORT, ValueParsers.port()),
                section.mappingList("tokens", List.of(), item -> token(item, names)),
                section.section("basic-auth", auth -> section.isGiven("basic-auth") ? basicAuth(auth)
                        : Optional.empty()));
        if (http.enabled() && !http.requiresCredentials() && section.isValid("bind-address", "tokens", "basic-auth")
                && !Hostnames.isLoopback(http.bindAddress())) {
            section.reject("bind-address", "`" + http.bindAddress() + "` is reachable from other machines, and no"
                    + " credentials are configured; set " + section.pathOf("tokens") + " or "
                    + section.pathOf("basic-auth") + ", or listen on " + LOOPBACK);
        }
        return http;
    }

    private static Optional<BearerToken> token(MappingReader item, Set<String> namesSoFar) {
        Optional<String> name = item.required("name", ValueParsers.token());
        Optional<Secret> token = item.requiredSecret("token");
        int perMinute = item.optional("requests-per-minute", BearerToken.DEFAULT_REQUESTS_PER_MINUTE,
                ValueParsers.intBetween(1, MAX_REQUESTS_PER_MINUTE));
        if (name.isPresent() && !namesSoFar.add(name.get())) {
            item.reject("name", "`" + name.get() + "` is the name of an earlier token too");
            return Optional.empty();
        }
        if (token.isPresent() && !longEnough(item, "token", token.get())) {
            return Optional.empty();
        }
        return name.isPresent() && token.isPresent() ? Optional.of(new BearerToken(name.get(), token.get(), perMinute))
                : Optional.empty();
    }

    private static Optional<BasicAuth> basicAuth(MappingReader section) {
        Optional<String> username = section.required("username", ValueParsers.token());
        Optional<Secret> password = section.requiredSecret("password");
        if (password.isPresent() && !longEnough(section, "password", password.get())) {
            return Optional.empty();
        }
        return username.isPresent() && password.isPresent()
                ? Optional.of(new BasicAuth(username.get(), password.get())) : Optional.empty();
    }

    private static boolean longEnough(MappingReader section, String key, Secret secret) {
        int length = secret.reveal().length();
        if (length < MIN_SECRET_LENGTH) {
            section.rejectSecret(key, "is " + length + " characters long; at least " + MIN_SECRET_LENGTH
                    + " are needed (" + HOW_TO_MAKE_ONE + ")");
            return false;
        }
        return true;
    }
}
