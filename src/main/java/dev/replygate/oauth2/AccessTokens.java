package dev.replygate.oauth2;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.replygate.config.OAuth2Config;
import dev.replygate.store.StoreException;
import dev.replygate.text.HeaderText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The access tokens of one OAuth2 login: fetched from the token endpoint when none is held or the
 * held one is near its end ({@link #margin}), by the configured grant. A refresh token the endpoint
 * rotates is used from then on, and kept in the store ({@link RotatedRefreshTokens}) so that the next
 * start goes on with it. Tokens are never logged.
 */
public final class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final Map<OAuth2Config, AccessTokens> SHARED = new ConcurrentHashMap<>();
    private static final Duration MAX_MARGIN = Duration.ofMinutes(5);
    /** Assumed when the endpoint does not say how long a token lives. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    /** Where this process keeps rotated refresh tokens: the store of its replygate; none before one opened. */
    private static volatile RotatedRefreshTokens processStore;

    private final OAuth2Config config;
    private final Clock clock;
    private final Supplier<RotatedRefreshTokens> rotatedTokens;
    private String refreshToken;
    private boolean storedTokenRead;
    /** The endpoint rotated {@link #refreshToken} but the store could not keep it yet: it is kept at the next fetch. */
    private boolean rotationUnsaved;
    private String token;
    private Instant refreshAt = Instant.MIN;

    AccessTokens(OAuth2Config config, Clock clock, Supplier<RotatedRefreshTokens> rotatedTokens) {
        this.config = config;
        this.clock = clock;
        this.rotatedTokens = rotatedTokens;
        this.refreshToken = config.refreshToken().reveal();
    }

    /**
     * The tokens of {@code config}, one holder per login in this process, so that the poller, the IDLE
     * watcher and the relay's connections share a token instead of each fetching its own.
     */
    public static AccessTokens of(OAuth2Config config) {
        return SHARED.computeIfAbsent(config, c -> new AccessTokens(c, Clock.systemUTC(), () -> processStore));
    }

    /**
     * Reads and keeps the refresh tokens endpoints rotate in {@code tokens} (the store of the replygate that
     * opened it) until the returned handle is closed, as its store closes; another store kept since stays.
     * Every process that logs in as the daemon does (the daemon, {@code mailbox test}, {@code smtp test})
     * keeps them so, and so logs in with the refresh token the endpoint gave last.
     */
    public static KeptIn keepRotatedRefreshTokensIn(RotatedRefreshTokens tokens) {
        processStore = tokens;
        return () -> {
            if (processStore == tokens) {
                processStore = null;
            }
        };
    }

    /** Where rotated refresh tokens are kept until {@link #close}. */
    @FunctionalInterface
    public interface KeptIn extends AutoCloseable {
        @Override
        void close();
    }

    /** Sets {@code mail.<protocol>.auth.mechanisms} so that Angus Mail logs in with XOAUTH2 and a token as password. */
    public static void useXoauth2(Properties properties, String protocol) {
        properties.setProperty("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
    }

    /** A token valid for a while yet. */
    public synchronized String current() throws TokenException {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the held token after a server refused it, so that the next login fetches a new one. */
    public synchronized void rejected() {
        token = null;
    }

    private void fetch() throws TokenException {
        String endpoint = config.tokenUrl();
        TokenResponse response = sendWithTheStoredTokenLocked();
        if (response == null) {
            readStoredRefreshToken();
            keepUnsavedRotation();
            response = send();
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new TokenException(HeaderText.forHeader("the OAuth2 token endpoint " + endpoint + " refused the "
                    + grantName() + ": " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")")));
        }
        if (takeRotated(response)) {
            keepRotatedRefreshToken();
        }
        AccessToken accessToken = response.toSuccessResponse().getTokens().getAccessToken();
        Duration lifetime = accessToken.getLifetime() > 0 ? Duration.ofSeconds(accessToken.getLifetime())
                : DEFAULT_LIFETIME;
        token = accessToken.getValue();
        refreshAt = clock.instant().plus(lifetime).minus(margin(lifetime));
        log.info("oauth2: new access token for client {} from {} by the {}, valid for {}s", config.clientId(),
                endpoint, grantName(), lifetime.toSeconds());
    }

    private TokenResponse send() throws TokenException {
        HTTPRequest http = request().toHTTPRequest();
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        http.setReadTimeout(READ_TIMEOUT_MS);
        try {
            return TokenResponse.parse(http.send());
        } catch (IOException e) {
            throw new TokenException("cannot reach the OAuth2 token endpoint " + config.tokenUrl() + ": "
                    + e.getMessage(), e);
        } catch (ParseException e) {
            throw new TokenException("the OAuth2 token endpoint " + config.tokenUrl() + " gave an answer that is not"
                    + " a token response: " + e.getMessage(), e);
        }
    }

    /**
     * A refresh token grant with a store: the login's row is locked, the token it keeps (the last one the
     * endpoint gave any process of this login: another node, {@code mailbox test} beside the daemon) is
     * used, and the one the endpoint rotates is kept, before the row is let go. So two processes never both
     * present one token, which providers that detect reuse (Auth0, Okta) answer by revoking every token of
     * the login. Null when there is no store, or it cannot be locked: then the held token is used.
     */
    private TokenResponse sendWithTheStoredTokenLocked() throws TokenException {
        RotatedRefreshTokens stored = rotatedTokens.get();
        if (stored == null || config.grant() != OAuth2Config.Grant.REFRESH_TOKEN) {
            return null;
        }
        LockedRefresh refresh = new LockedRefresh();
        try {
            stored.whileLocked(config, refresh);
            storedTokenRead = true;
            rotationUnsaved = false;
        } catch (StoreException e) {
            if (!refresh.sent) {
                log.warn("oauth2: cannot lock the refresh token of client {} in the store; refreshing with the one"
                        + " held here: {}", config.clientId(), e.getMessage());
                return null;
            }
            log.warn("oauth2: cannot keep the rotated refresh token of client {} in the store yet; it is tried"
                    + " again at the next refresh: {}", config.clientId(), e.getMessage());
        }
        if (refresh.failure != null) {
            throw refresh.failure;
        }
        return refresh.response;
    }

    /** One refresh with the login's row locked (see {@link #sendWithTheStoredTokenLocked}). */
    private final class LockedRefresh implements RotatedRefreshTokens.Locked<Void> {
        private boolean sent;
        private TokenResponse response;
        private TokenException failure;

        @Override
        public Void run(RotatedRefreshTokens.Row row) throws SQLException {
            if (rotationUnsaved) {
                row.save(refreshToken); // the store missed the last rotation: the token held here is the newer
            } else {
                row.latest().ifPresent(latest -> refreshToken = latest);
            }
            sent = true;
            try {
                response = send();
            } catch (TokenException e) {
                failure = e;
                return null;
            }
            if (takeRotated(response)) {
                row.save(refreshToken);
            }
            return null;
        }
    }

    /** Takes the refresh token a successful refresh rotated to; true when it is new, and so not kept yet. */
    private boolean takeRotated(TokenResponse response) {
        if (!response.indicatesSuccess() || config.grant() != OAuth2Config.Grant.REFRESH_TOKEN) {
            return false;
        }
        RefreshToken rotated = response.toSuccessResponse().getTokens().getRefreshToken();
        if (rotated == null || rotated.getValue().equals(refreshToken)) {
            return false;
        }
        refreshToken = rotated.getValue();
        rotationUnsaved = true;
        return true;
    }

    /** Once, before the first refresh: the token the endpoint rotated before a restart replaces the configured one. */
    private void readStoredRefreshToken() {
        RotatedRefreshTokens stored = rotatedTokens.get();
        if (storedTokenRead || stored == null || config.grant() != OAuth2Config.Grant.REFRESH_TOKEN) {
            return;
        }
        try {
            stored.latest(config).ifPresent(rotated -> refreshToken = rotated);
            storedTokenRead = true;
        } catch (StoreException e) {
            log.warn("oauth2: cannot read the rotated refresh token of client {} from the store, trying the"
                    + " configured one: {}", config.clientId(), e.getMessage());
        }
    }

    /** A rotation the store could not keep before is kept now, before the endpoint is asked again. */
    private void keepUnsavedRotation() {
        if (rotationUnsaved && rotatedTokens.get() != null) {
            keepRotatedRefreshToken();
        }
    }

    private void keepRotatedRefreshToken() {
        RotatedRefreshTokens stored = rotatedTokens.get();
        if (stored == null) {
            log.warn("oauth2: the token endpoint rotated the refresh token of client {}; no store is open to keep"
                    + " it, so a restart starts again from the configured one", config.clientId());
            return;
        }
        try {
            stored.save(config, refreshToken);
            rotationUnsaved = false;
        } catch (StoreException e) {
            log.warn("oauth2: cannot keep the rotated refresh token of client {} in the store yet; it is tried"
                    + " again at the next refresh: {}", config.clientId(), e.getMessage());
        }
    }

    /** How long before its end a token is replaced: 5 minutes, or half its life when that is shorter. */
    static Duration margin(Duration lifetime) {
        Duration half = lifetime.dividedBy(2);
        return half.compareTo(MAX_MARGIN) < 0 ? half : MAX_MARGIN;
    }

    private TokenRequest request() {
        URI endpoint = URI.create(config.tokenUrl());
        ClientID client = new ClientID(config.clientId());
        Scope scope = config.scopes().isEmpty() ? null : new Scope(config.scopes().toArray(String[]::new));
        if (config.clientSecret().isEmpty()) {
            return new TokenRequest(endpoint, client, grant(), scope);
        }
        return new TokenRequest(endpoint, new ClientSecretPost(client,
                new com.nimbusds.oauth2.sdk.auth.Secret(config.clientSecret().reveal())), grant(), scope);
    }

    private AuthorizationGrant grant() {
        return config.grant() == OAuth2Config.Grant.REFRESH_TOKEN
                ? new RefreshTokenGrant(new RefreshToken(refreshToken)) : new ClientCredentialsGrant();
    }

    private String grantName() {
        return config.grant() == OAuth2Config.Grant.REFRESH_TOKEN ? "refresh token" : "client credentials";
    }
}
