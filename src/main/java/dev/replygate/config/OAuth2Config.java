package dev.replygate.config;

import java.util.List;

/**
 * An OAuth2 login (SASL XOAUTH2) for a mailbox or the SMTP relay: access tokens come from the
 * token endpoint, by a refresh token (Google, Microsoft delegated) or, without one, by the client's
 * own credentials (Microsoft 365 app-only).
 *
 * @param tokenUrl     the token endpoint (https; http only on loopback)
 * @param clientId     the client (application) id
 * @param clientSecret the client secret; empty for a public client with a refresh token
 * @param refreshToken the refresh token; empty for the client credentials grant
 * @param scopes       the scopes asked for; empty to leave them to the grant
 */
public record OAuth2Config(String tokenUrl, String clientId, Secret clientSecret, Secret refreshToken,
                           List<String> scopes) {

    public enum Grant {
        REFRESH_TOKEN, CLIENT_CREDENTIALS
    }

    public OAuth2Config {
        scopes = List.copyOf(scopes);
    }

    public Grant grant() {
        return refreshToken.isEmpty() ? Grant.CLIENT_CREDENTIALS : Grant.REFRESH_TOKEN;
    }
}
