-- Portable between H2 (2.x) and PostgreSQL.

-- The retention purge deletes old rows in batches while the pipeline records new ones. These indexes
-- keep each batch short: without them every deleted outbox row would scan the tables that point at it
-- (PostgreSQL checks a foreign key by looking for referencing rows), and every old POP3 record would
-- scan its mailbox's pop3_seen rows.
CREATE INDEX ix_inbound_answer_outbox ON inbound_message (answer_outbox_id);
CREATE INDEX ix_notification_outbox ON notification (outbox_id);
CREATE INDEX ix_pop3_seen_uidl ON pop3_seen (mailbox, uidl);
