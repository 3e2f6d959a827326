-- Portable between H2 (2.x) and PostgreSQL.

-- The answers per hourly-cap key ('domain:<domain>', 'mailbox:<name>', the keys of their answer_recipient
-- lock rows) and minute (seconds since 1970 divided by 60, rounded down), kept beside answer_log by
-- AnswerRateLimiter in the transaction that logs the answer. The hourly caps add up the minutes after
-- the one the hour starts in and count answer_log rows only in that one minute: the cost of a check no
-- longer grows with the answers of the hour (a COUNT over every answer to a domain in the last hour
-- did). Written only under the lock row of its key, so two transactions never add to one row at once.
CREATE TABLE answer_count (
    cap_key      VARCHAR(330)  NOT NULL,
    epoch_minute BIGINT        NOT NULL,
    answers      INTEGER       NOT NULL,
    CONSTRAINT pk_answer_count PRIMARY KEY (cap_key, epoch_minute)
);

-- The answers logged before this migration, so that those of the last hour still count.
INSERT INTO answer_count (cap_key, epoch_minute, answers)
SELECT 'domain:' || recipient_domain, CAST(FLOOR(EXTRACT(EPOCH FROM answered_at) / 60) AS BIGINT), COUNT(*)
FROM answer_log WHERE recipient_domain IS NOT NULL
GROUP BY recipient_domain, CAST(FLOOR(EXTRACT(EPOCH FROM answered_at) / 60) AS BIGINT);
INSERT INTO answer_count (cap_key, epoch_minute, answers)
SELECT 'mailbox:' || mailbox, CAST(FLOOR(EXTRACT(EPOCH FROM answered_at) / 60) AS BIGINT), COUNT(*)
FROM answer_log WHERE mailbox IS NOT NULL
GROUP BY mailbox, CAST(FLOOR(EXTRACT(EPOCH FROM answered_at) / 60) AS BIGINT);
