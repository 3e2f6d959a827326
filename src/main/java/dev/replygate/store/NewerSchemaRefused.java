package dev.replygate.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

import java.util.Arrays;
import java.util.Optional;

/**
 * The store's schema is of a newer replygate than this one (a downgrade, or an older node started after a newer
 * one migrated): refused, because this version would not keep the newer one's rows and counts (see
 * {@link SchemaUpgradeRefused}). Flyway's own words would advise a {@code repair}, which would forget the newer
 * migrations and leave their schema in place.
 */
public final class NewerSchemaRefused extends IllegalStateException {

    private NewerSchemaRefused(String message, Throwable cause) {
        super(message, cause);
    }

    /** After {@code flyway} failed to migrate with {@code failure}: this refusal when the schema is newer. */
    static Optional<NewerSchemaRefused> of(Flyway flyway, RuntimeException failure) {
        MigrationInfo[] applied;
        try {
            applied = flyway.info().applied();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return Optional.empty();
        }
        return Arrays.stream(applied)
                .filter(migration -> migration.getState() == MigrationState.FUTURE_SUCCESS
                        || migration.getState() == MigrationState.FUTURE_FAILED)
                .reduce((first, later) -> later)
                .map(newest -> new NewerSchemaRefused("the store's schema is at version " + newest.getVersion()
                        + ", newer than this replygate knows (" + latestKnown(flyway) + "): run the replygate"
                        + " that migrated it, or restore a backup made before it did", failure));
    }

    private static String latestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(migration -> migration.getState() != MigrationState.FUTURE_SUCCESS
                        && migration.getState() != MigrationState.FUTURE_FAILED && migration.getVersion() != null)
                .reduce((first, later) -> later)
                .map(migration -> "version " + migration.getVersion())
                .orElse("no version");
    }
}
