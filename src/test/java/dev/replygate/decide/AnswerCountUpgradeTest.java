package dev.replygate.decide;

import dev.replygate.classify.Reason;
import dev.replygate.store.Store;
import dev.replygate.testsupport.StoreConfigs;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A store upgraded to the per-minute answer counts (V22) keeps counting the answers it logged before. */
class AnswerCountUpgradeTest {

    private static final Instant NOW = Instant.parse("2025-03-10T09:00:30Z");

    @Test
    void answersLoggedBeforeTheUpgradeStillCountAgainstTheHourlyCaps() throws SQLException {
        String url = "jdbc:h2:mem:upgrade_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("21").load()
                .migrate();
        // logged under V21, before the counts existed: one in the minute the hour starts in, two later
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            logAnswer(c, "a@flood.test", NOW.minus(Duration.ofMinutes(60)).plusSeconds(10));
            logAnswer(c, "b@flood.test", NOW.minus(Duration.ofMinutes(20)));
            logAnswer(c, "c@flood.test", NOW.minus(Duration.ofMinutes(2)));
        }
        try (Store store = Store.open(StoreConfigs.h2(url))) {
            AnswerRateLimiter threePerDomain = new AnswerRateLimiter("support", Duration.ofHours(24), 5, 3, 1000);

            assertThat(refusal(store, threePerDomain, "d@flood.test", NOW)).map(Reason::rule)
                    .contains(AnswerRateLimiter.DOMAIN_HOURLY_CAP);
            assertThat(refusal(store, threePerDomain, "d@flood.test", NOW.plusSeconds(10)))
                    .as("the first answer is an hour old").isEmpty();
            AnswerRateLimiter threePerMailbox = new AnswerRateLimiter("support", Duration.ofHours(24), 5, 1000, 3);
            assertThat(refusal(store, threePerMailbox, "e@other.test", NOW)).map(Reason::rule)
                    .contains(AnswerRateLimiter.MAILBOX_HOURLY_CAP);
        }
    }

    private static Optional<Reason> refusal(Store store, AnswerRateLimiter limiter, String recipient, Instant now) {
        return store.inTransaction(c -> limiter.refusal(c, recipient, "T1", now));
    }

    private static int logAnswer(Connection c, String recipient, Instant at) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO answer_log (recipient, ticket_id, inbound_key,"
                + " answered_at, mailbox, recipient_domain) VALUES (?, 'T0', ?, ?, 'support', 'flood.test')")) {
            insert.setString(1, recipient);
            insert.setString(2, "support:" + recipient);
            insert.setObject(3, at.atOffset(ZoneOffset.UTC));
            return insert.executeUpdate();
        }
    }
}
