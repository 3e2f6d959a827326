package dev.replygate.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Binds an {@code oauth2} section (of a mailbox or of {@code smtp}): a token endpoint over https
 * (http only on loopback), a client id, and a refresh token or, for the client credentials grant,
 * a client secret.
 */
final class OAuth2Section {

    private OAuth2Section() {
    }

    /** The section at {@code key} of {@code parent}; empty when not written. */
    static Optional<OAuth2Config> bindOptional(MappingReader parent, String key) {
        if (!parent.isGiven(key)) {
            parent.section(key, section -> null);
            return Optional.empty();
        }
        return Optional.ofNullable(parent.section(key, OAuth2Section::bind));
    }

    private static OAuth2Config bind(MappingReader section) {
        Optional<String> tokenUrl = section.required("token-url", ValueParsers.httpUrl());
        Optional<String> clientId = section.required("client-id", ValueParsers.nonEmptyText());
        Secret clientSecret = section.secret("client-secret");
        Secret refreshToken = section.secret("refresh-token");
        List<String> scopes = section.list("scopes", List.of(), ValueParsers.nonEmptyText());
        if (tokenUrl.isPresent() && tokenUrl.get().startsWith("http:")
                && !Hostnames.isLoopback(URI.create(tokenUrl.get()).getHost())) {
            section.reject("token-url", "the client secret and tokens would cross the network in clear; use https");
            return null;
        }
        if (refreshToken.isEmpty() && clientSecret.isEmpty() && section.isValid("refresh-token", "client-secret")) {
            section.reject("refresh-token", "give a refresh token (or `" + section.pathOf("refresh-token-file")
                    + "`), or a client secret for the client credentials grant");
            return null;
        }
        if (tokenUrl.isEmpty() || clientId.isEmpty()) {
            return null;
        }
        return new OAuth2Config(tokenUrl.get(), clientId.get(), clientSecret, refreshToken, scopes);
    }
}
