package dev.replygate.decide;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.PostgresServer;

/** The answer rate limits on a real PostgreSQL server, as several nodes share it. */
class AnswerRateLimiterIT extends AnswerRateLimiterContract {

    @Override
    StoreConfig freshDatabase() {
        return PostgresServer.shared().createDatabase("answers").storeConfig();
    }
}
