-- Portable between H2 (2.x) and PostgreSQL.

-- When an operator last re-queued the item (`outbox retry`): the delivery window
-- (delivery.max-age) starts again from here instead of from created_at.
ALTER TABLE outbox ADD COLUMN retried_at TIMESTAMP WITH TIME ZONE;
