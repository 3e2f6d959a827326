-- Portable between H2 (2.x) and PostgreSQL.
--
-- A caller's idempotency key (the portal API's idempotencyKey, notify's --idempotency-key) is kept behind the
-- prefix 'caller:' (notify/CallerKeys). It shared the outbox's one unique key with the keys replygate makes
-- itself, and those are predictable: a caller who sent a digest's key ('digest:<name>:<period>:<recipient>')
-- before the period ended had its own mail queued, and the digest was then found "queued before" and never
-- sent. The caller still sends and reads its key unchanged.

-- First the width, which fails on no row: a caller's 200 characters behind the prefix (OutboxEntry allows 250).
-- PostgreSQL keeps the rows and the unique index as they are for a wider VARCHAR.
ALTER TABLE outbox ALTER COLUMN idempotency_key SET DATA TYPE VARCHAR(250);

-- Then the keys the callers gave before: a notification's key is only ever the caller's. So that a key sent
-- again after the upgrade is still found (one mail, not two), and so that a caller's key that took one of
-- replygate's before the upgrade gives it back.
-- In two steps: PostgreSQL checks the unique key row by row, and rows 'k' and 'caller:k' (both a caller's) would
-- meet for a moment in one step. CHR(1) starts no key (a caller's may hold no control character; replygate's
-- start with a word), so the first step meets nothing; after it every notification's key starts with CHR(1) and no
-- other key does, so the second meets nothing either. On H2 the ALTER above commits by itself (DDL), and the two
-- updates run in one transaction after it.
UPDATE outbox SET idempotency_key = CHR(1) || idempotency_key
 WHERE kind = 'notification' AND idempotency_key IS NOT NULL;
UPDATE outbox SET idempotency_key = 'caller:' || SUBSTRING(idempotency_key FROM 2)
 WHERE kind = 'notification' AND idempotency_key IS NOT NULL;
