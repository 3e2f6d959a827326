package dev.replygate.cli;

import dev.replygate.config.OAuth2Config;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.oauth2.AccessTokens;
import dev.replygate.oauth2.RotatedRefreshTokens;
import dev.replygate.store.Store;

import java.time.Clock;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * For a command that logs in to a mail server as the daemon does ({@code mailbox test}, {@code smtp test}):
 * an OAuth2 login by refresh token goes on with the one the token endpoint rotated last, which the store
 * keeps (and keeps the one it rotates now), not with the configured one the endpoint may have retired.
 */
final class LoginsAsTheDaemon {

    private LoginsAsTheDaemon() {
    }

    /**
     * Runs {@code command}, whose logins are {@code logins} of {@code config}, with the store's rotated refresh
     * tokens; the store is opened for a login by refresh token only, and closed after.
     */
    static <T> T run(ReplygateConfig config, Collection<OAuth2Config> logins, Supplier<T> command) {
        if (logins.stream().noneMatch(login -> login.grant() == OAuth2Config.Grant.REFRESH_TOKEN)) {
            return command.get();
        }
        Store opened;
        try {
            opened = Store.openForCommand(config.store());
        } catch (RuntimeException e) {
            throw new UserFacingException("cannot open the store, which keeps the refresh token the OAuth2 endpoint"
                    + " gave last (the daemon could not log in without it either): " + e.getMessage());
        }
        try (Store store = opened) {
            AccessTokens.KeptIn kept = AccessTokens.keepRotatedRefreshTokensIn(
                    new RotatedRefreshTokens(store, Clock.systemUTC()));
            try {
                return command.get();
            } finally {
                kept.close();
            }
        }
    }
}
