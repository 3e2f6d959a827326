package dev.replygate.oauth2;

import dev.replygate.config.OAuth2Config;
import dev.replygate.store.RowLock;
import dev.replygate.store.Store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code oauth2_refresh_token} table: the refresh token a token endpoint rotated, per login, sealed
 * ({@link TokenSeal}), so that a restart goes on with it instead of the configured one the endpoint
 * retired. A login whose configured refresh token changed since starts again from the configured one.
 */
public final class RotatedRefreshTokens {

    private final Store store;
    private final Clock clock;

    public RotatedRefreshTokens(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The last refresh token the endpoint gave this login; empty when none is on record for its configured one. */
    Optional<String> latest(OAuth2Config config) {
        TokenSeal seal = new TokenSeal(config);
        Optional<String> sealed = store.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT sealed_token FROM oauth2_refresh_token WHERE login = ? AND sealed_token IS NOT NULL")) {
                query.setString(1, seal.login());
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(row.getString("sealed_token")) : Optional.<String>empty();
                }
            }
        });
        return sealed.flatMap(seal::open);
    }

    /** Keeps {@code token}, the one the endpoint gave this login last. */
    void save(OAuth2Config config, String token) {
        TokenSeal seal = new TokenSeal(config);
        store.inTransaction(connection -> {
            RowLock.lock(connection, "oauth2_refresh_token", "login", seal.login());
            try (PreparedStatement update = connection.prepareStatement("UPDATE oauth2_refresh_token"
                    + " SET client_id = ?, sealed_token = ?, rotated_at = ? WHERE login = ?")) {
                update.setString(1, config.clientId());
                update.setString(2, seal.seal(token));
                update.setObject(3, clock.instant().atOffset(ZoneOffset.UTC));
                update.setString(4, seal.login());
                return update.executeUpdate();
            }
        });
    }
}
