package dev.replygate.decide;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.StoreConfigs;

import java.util.UUID;

/** The answer rate limits on H2, as a single node runs by default. */
class AnswerRateLimiterTest extends AnswerRateLimiterContract {

    @Override
    StoreConfig freshDatabase() {
        return StoreConfigs.h2("jdbc:h2:mem:answers_" + UUID.randomUUID().toString().replace("-", ""));
    }
}
