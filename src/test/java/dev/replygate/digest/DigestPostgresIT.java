package dev.replygate.digest;

import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The digest's queries on PostgreSQL, as several nodes share it: the same golden digest, queued once. */
class DigestPostgresIT {

    @TempDir
    Path folder;

    @Test
    void theGoldenDigestComesFromPostgresqlTooAndIsQueuedOnce() throws Exception {
        PostgresDatabase database = PostgresServer.shared().createDatabase("digest");
        try (DigestWorld world = new DigestWorld(folder, "url: " + database.jdbcUrl() + "\n  username: "
                + database.username())) {
            DigestGoldenTest.matchesGolden(world, "daily", "en");

            Digests.DigestSent first = world.digests().sendScheduled(world.digests().named("daily"), DigestWorld.FIRING)
                    .orElseThrow();
            Digests.DigestSent second = world.digests().sendScheduled(world.digests().named("daily"),
                    DigestWorld.FIRING).orElseThrow();

            assertThat(first.queued()).allSatisfy(result -> assertThat(result.created()).isTrue());
            assertThat(second.queued()).allSatisfy(result -> assertThat(result.created()).isFalse());
        }
    }
}
