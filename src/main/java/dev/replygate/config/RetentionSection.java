package dev.replygate.config;

import java.time.Duration;

/** Binds {@code retention}: how many days the store keeps records and sent mail. */
final class RetentionSection {

    private static final Duration MAX_KEEP = Duration.ofDays(3650);
    private static final int MAX_BATCH_SIZE = 10_000;

    private RetentionSection() {
    }

    static RetentionConfig bind(MappingReader section) {
        return new RetentionConfig(
                section.optional("records", Duration.ofDays(90), ValueParsers.positiveDuration(MAX_KEEP)),
                section.optional("sent-outbox", Duration.ofDays(30), ValueParsers.positiveDuration(MAX_KEEP)),
                section.optional("batch-size", 1000, ValueParsers.intBetween(1, MAX_BATCH_SIZE)));
    }
}
