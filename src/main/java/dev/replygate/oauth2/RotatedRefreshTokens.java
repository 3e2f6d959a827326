package dev.replygate.oauth2;

import dev.replygate.config.OAuth2Config;
import dev.replygate.store.RowLock;
import dev.replygate.store.Store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code oauth2_refresh_token} table: the refresh token a token endpoint rotated, per login, sealed
 * ({@link TokenSeal}), so that a restart goes on with it instead of the configured one the endpoint
 * retired. A login whose configured refresh token changed since starts again from the configured one.
 */
public final class RotatedRefreshTokens {

    private static final String TABLE = "oauth2_refresh_token";

    private final Store store;
    private final Clock clock;

    public RotatedRefreshTokens(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The last refresh token the endpoint gave this login; empty when none is on record for its configured one. */
    Optional<String> latest(OAuth2Config config) {
        TokenSeal seal = new TokenSeal(config);
        return store.inTransaction(connection -> read(connection, seal));
    }

    /** Keeps {@code token}, the one the endpoint gave this login last. */
    void save(OAuth2Config config, String token) {
        TokenSeal seal = new TokenSeal(config);
        store.inTransaction(connection -> {
            RowLock.lock(connection, TABLE, "login", seal.login());
            write(connection, seal, config, token);
            return null;
        });
    }

    /**
     * Runs {@code work} with the row of this login locked until it returns: another process of the login doing
     * the same waits, and then reads what this one saved, so that neither presents a refresh token the endpoint
     * already rotated (providers that detect reuse revoke every token of the login then).
     */
    <T> T whileLocked(OAuth2Config config, Locked<T> work) {
        TokenSeal seal = new TokenSeal(config);
        return store.inTransaction(connection -> {
            RowLock.lock(connection, TABLE, "login", seal.login());
            return work.run(new Row() {
                @Override
                public Optional<String> latest() throws SQLException {
                    return read(connection, seal);
                }

                @Override
                public void save(String token) throws SQLException {
                    write(connection, seal, config, token);
                }
            });
        });
    }

    /** What is done with the row of a login locked. */
    @FunctionalInterface
    interface Locked<T> {
        T run(Row row) throws SQLException;
    }

    /** The locked row of a login; what is saved is kept once the work returns. */
    interface Row {
        Optional<String> latest() throws SQLException;

        void save(String token) throws SQLException;
    }

    private static Optional<String> read(Connection connection, TokenSeal seal) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT sealed_token FROM oauth2_refresh_token WHERE login = ? AND sealed_token IS NOT NULL")) {
            query.setString(1, seal.login());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? seal.open(row.getString("sealed_token")) : Optional.empty();
            }
        }
    }

    private void write(Connection connection, TokenSeal seal, OAuth2Config config, String token) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE oauth2_refresh_token"
                + " SET client_id = ?, sealed_token = ?, rotated_at = ? WHERE login = ?")) {
            update.setString(1, config.clientId());
            update.setString(2, seal.seal(token));
            update.setObject(3, clock.instant().atOffset(ZoneOffset.UTC));
            update.setString(4, seal.login());
            update.executeUpdate();
        }
    }
}
