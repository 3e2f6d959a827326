package dev.replygate.oauth2;

import dev.replygate.config.OAuth2Config;
import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.store.Store;
import dev.replygate.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
            AccessTokens tokens = new AccessTokens(login(endpoint, "refresh-0"), clock, () -> null);

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
            AccessTokens tokens = new AccessTokens(login(endpoint, "refresh-0"), clock, () -> null);
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
            AccessTokens tokens = new AccessTokens(login(endpoint, "stolen-or-revoked-token"), clock, () -> null);

            assertThatThrownBy(tokens::current).isInstanceOf(TokenException.class)
                    .hasMessage("the OAuth2 token endpoint " + endpoint.url() + " refused the refresh token:"
                            + " invalid_grant (the grant is expired or revoked)");
        }
    }

    @Test
    void aRefreshTokenTheEndpointRotatedIsUsedAfterARestartAndNotKeptInTheClear() throws Exception {
        try (Store store = memoryStore();
             LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, token -> { })) {
            RotatedRefreshTokens kept = new RotatedRefreshTokens(store, clock);
            OAuth2Config login = login(endpoint, "refresh-0");
            assertThat(new AccessTokens(login, clock, () -> kept).current()).isEqualTo("access-1");

            AccessTokens afterRestart = new AccessTokens(login, clock, () -> kept);

            assertThat(afterRestart.current()).as("refresh-0 was retired when refresh-1 was issued")
                    .isEqualTo("access-2");
            assertThat(endpoint.requests()).extracting(request -> request.get("refresh_token"))
                    .containsExactly("refresh-0", "refresh-1");
            assertThat(storedText(store)).doesNotContain("refresh-", "access-");
        }
    }

    /**
     * Two processes of one login share the store (the daemon and a {@code mailbox test} beside it, or two
     * nodes): when the other one rotated, and so retired, the refresh token held here, the one the store keeps
     * is used instead, without presenting the retired one: an endpoint that detects reuse would revoke them all.
     */
    @Test
    void aRefreshTokenAnotherProcessRotatedIsTakenFromTheStoreWithoutPresentingTheRetiredOne() throws Exception {
        try (Store store = memoryStore();
             LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, token -> { })) {
            endpoint.revokeAllOnReuse();
            RotatedRefreshTokens kept = new RotatedRefreshTokens(store, clock);
            OAuth2Config login = login(endpoint, "refresh-0");
            AccessTokens daemon = new AccessTokens(login, clock, () -> kept);
            assertThat(daemon.current()).isEqualTo("access-1");
            assertThat(new AccessTokens(login, clock, () -> kept).current()).isEqualTo("access-2");

            clock.advance(Duration.ofHours(1));

            assertThat(daemon.current()).isEqualTo("access-3");
            assertThat(endpoint.requests()).extracting(request -> request.get("refresh_token"))
                    .containsExactly("refresh-0", "refresh-1", "refresh-2");
            assertThat(kept.latest(login)).contains("refresh-3");
        }
    }

    /** Two processes refreshing at once take turns on the store's row: each presents a token once, none reused. */
    @Test
    void twoProcessesRefreshingAtOnceNeverPresentOneRefreshTokenTwice() throws Exception {
        try (Store store = memoryStore();
             LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, token -> { })) {
            endpoint.revokeAllOnReuse();
            RotatedRefreshTokens kept = new RotatedRefreshTokens(store, clock);
            OAuth2Config login = login(endpoint, "refresh-0");
            List<AccessTokens> processes = List.of(new AccessTokens(login, clock, () -> kept),
                    new AccessTokens(login, clock, () -> kept));
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 5; round++) {
                    clock.advance(Duration.ofHours(1));
                    List<Future<String>> tokens = threads.invokeAll(processes.stream()
                            .map(process -> (Callable<String>) process::current).toList());
                    for (Future<String> token : tokens) {
                        assertThat(token.get(30, TimeUnit.SECONDS)).startsWith("access-");
                    }
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(endpoint.requests()).extracting(request -> request.get("refresh_token"))
                    .hasSize(10).doesNotHaveDuplicates();
        }
    }

    @Test
    void aRefusedRefreshTokenIsTriedOnceAgainOnlyWithADifferentOneFromTheStore() throws Exception {
        try (Store store = memoryStore();
             LocalTokenEndpoint endpoint = new LocalTokenEndpoint("another-refresh-token", "", 3600, token -> { })) {
            RotatedRefreshTokens kept = new RotatedRefreshTokens(store, clock);
            AccessTokens tokens = new AccessTokens(login(endpoint, "refresh-0"), clock, () -> kept);

            assertThatThrownBy(tokens::current).isInstanceOf(TokenException.class).hasMessageContaining("invalid_grant");
            assertThat(endpoint.requests()).hasSize(1);
        }
    }

    /**
     * The rotation R1 to R2 could not be kept (the store was briefly down, it keeps R1); the next refresh meets
     * a 503. That says nothing about R2: R1, which the endpoint retired, is not tried instead, R2 is kept once
     * the store is back, and the refresh after goes on with R2.
     */
    @Test
    void aRotationTheStoreCouldNotKeepSurvivesARefusalThatIsNotInvalidGrant() throws Exception {
        try (Store store = memoryStore(); Store down = memoryStore();
             LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, token -> { })) {
            RotatedRefreshTokens kept = new RotatedRefreshTokens(store, clock);
            AtomicReference<RotatedRefreshTokens> current = new AtomicReference<>(kept);
            OAuth2Config login = login(endpoint, "refresh-0");
            AccessTokens tokens = new AccessTokens(login, clock, current::get);
            assertThat(tokens.current()).isEqualTo("access-1");
            down.close();
            current.set(new RotatedRefreshTokens(down, clock));
            clock.advance(Duration.ofHours(1));
            assertThat(tokens.current()).isEqualTo("access-2");
            assertThat(kept.latest(login)).as("the store missed the rotation").contains("refresh-1");
            current.set(kept);
            endpoint.refuseNext(503, "temporarily_unavailable");
            clock.advance(Duration.ofHours(1));

            assertThatThrownBy(tokens::current).isInstanceOf(TokenException.class)
                    .hasMessageContaining("temporarily_unavailable");
            assertThat(kept.latest(login)).as("kept before the endpoint was asked again").contains("refresh-2");
            assertThat(tokens.current()).isEqualTo("access-3");
            assertThat(endpoint.requests()).extracting(request -> request.get("refresh_token"))
                    .containsExactly("refresh-0", "refresh-1", "refresh-2", "refresh-2");
            assertThat(kept.latest(login)).contains("refresh-3");
        }
    }

    @Test
    void aNewlyConfiguredRefreshTokenIsUsedRatherThanOneRotatedFromTheOldOne() throws Exception {
        try (Store store = memoryStore();
             LocalTokenEndpoint endpoint = new LocalTokenEndpoint("refresh-0", "", 3600, token -> { })) {
            RotatedRefreshTokens kept = new RotatedRefreshTokens(store, clock);
            new AccessTokens(login(endpoint, "refresh-0"), clock, () -> kept).current();
            endpoint.grant("granted-again");

            new AccessTokens(login(endpoint, "granted-again"), clock, () -> kept).current();

            assertThat(endpoint.requests()).extracting(request -> request.get("refresh_token"))
                    .containsExactly("refresh-0", "granted-again");
        }
    }

    @Test
    void aSealedTokenOpensOnlyForItsOwnLogin() {
        TokenSeal own = new TokenSeal(new OAuth2Config("https://login.test/token", "client", Secret.empty(),
                Secret.of("configured-a"), List.of()));
        TokenSeal other = new TokenSeal(new OAuth2Config("https://login.test/token", "client", Secret.empty(),
                Secret.of("configured-b"), List.of()));

        String sealed = own.seal("rotated");

        assertThat(own.open(sealed)).contains("rotated");
        assertThat(other.open(sealed)).isEmpty();
        assertThat(own.open("not base64 !")).isEmpty();
        assertThat(own.login()).isNotEqualTo(other.login()).hasSize(64);
    }

    private static Store memoryStore() {
        return Store.open(new StoreConfig("jdbc:h2:mem:oauth2_" + UUID.randomUUID().toString().replace("-", ""),
                "sa", Secret.empty(), 2));
    }

    /** Every column of every row of the table, as text. */
    private static String storedText(Store store) {
        return store.inTransaction(c -> {
            StringBuilder text = new StringBuilder();
            try (var query = c.prepareStatement("SELECT * FROM oauth2_refresh_token"); var rows = query.executeQuery()) {
                while (rows.next()) {
                    for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                        text.append(rows.getString(column)).append('|');
                    }
                }
            }
            assertThat(text).as("the rotated token was kept").isNotEmpty();
            return text.toString();
        });
    }
}
