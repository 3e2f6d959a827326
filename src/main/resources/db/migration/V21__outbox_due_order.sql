-- Portable between H2 (2.x) and PostgreSQL.

-- V18, not V17: another branch (Quartz's tables) may take V17; whichever is merged second renumbers.

-- The delivery claim (outbound.DeliveryQueue) takes the due items in the order (next_attempt_at, id),
-- one branch per state. With id in the index, the queued branch reads its first rows in that order and
-- stops at the batch size, however many items wait; before, an OR of both states over
-- (state, next_attempt_at) made H2 scan the whole outbox, sent rows included, on every claim.
CREATE INDEX ix_outbox_due_order ON outbox (state, next_attempt_at, id);

-- The new index begins with the old one's columns and serves every query that used it.
DROP INDEX ix_outbox_due;
