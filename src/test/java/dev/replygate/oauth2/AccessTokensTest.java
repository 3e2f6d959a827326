package dev.replygate.oauth2;

import dev.replygate.config.OAuth2Config;
import dev.replygate.config.Secret;
import dev.replygate.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a token is fetched again: before its end, after a server refused it, never while it lives. */
class AccessTokensTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

    private static OAuth2Config login(LocalTokenEndpoint endpoint, String refreshToken) {
        return new OAuth2Config(endpoint.url(), "replygate-unit", Secret.empty(), Secret.of(refreshToken), List.of());
    }

    @Test
    void aTokenIsReusedWhileItLivesAndReplacedFiveMinutesBeforeItsEnd() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, token -> { })) {
            AccessTokens tokens = new AccessTokens(login(endpoint, "refresh-0"), clock);

            assertThat(tokens.current()).isEqualTo("access-1");
            clock.advance(Duration.ofMinutes(54));
            assertThat(tokens.current()).isEqualTo("access-1");
            clock.advance(Duration.ofMinutes(1));
            assertThat(tokens.current()).isEqualTo("access-2");
            assertThat(endpoint.requests()).extracting(request -> request.get("refresh_token"))
                    .containsExactly("refresh-0", "refresh-1");
        }
    }

    @Test
    void aTokenTheServerRefusedIsNotOfferedAgain() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, token -> { })) {
            AccessTokens tokens = new AccessTokens(login(endpoint, "refresh-0"), clock);
            tokens.current();

            tokens.rejected();

            assertThat(tokens.current()).isEqualTo("access-2");
        }
    }

    @Test
    void aShortLivedTokenIsReplacedHalfWayThroughItsLife() {
        assertThat(AccessTokens.margin(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(30));
        assertThat(AccessTokens.margin(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRefusedGrantSaysWhichAndNeverShowsTheSecret() throws Exception {
        try (LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, token -> { })) {
            AccessTokens tokens = new AccessTokens(login(endpoint, "stolen-or-revoked-token"), clock);

            assertThatThrownBy(tokens::current).isInstanceOf(TokenException.class)
                    .hasMessage("the OAuth2 token endpoint " + endpoint.url() + " refused the refresh token:"
                            + " invalid_grant (the grant is expired or revoked)");
        }
    }
}
