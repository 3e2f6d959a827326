-- H2 only (this folder is given to Flyway on H2 alone, see README.md here): a larger cache for the
-- identity columns drawn for each message read or answered.
--
-- Why: H2 keeps an identity column's next values in memory, 32 by default. Each time they run out it writes
-- the sequence's new upper bound and commits the whole MVStore (a chunk written to the file), in the middle
-- of the reading thread's batch transaction: a quarter of that thread's samples in a 5 000-message run
-- (bench/README.md, "CPU per message, session 11"). With 1 000 that happens once per thousand rows.
--
-- A kill leaves a gap, never a collision or a step back: H2 commits the new bound to the file (a chunk of
-- its own) before it hands out a value under it, so a row that survives a kill has its bound surviving too,
-- and after a kill the sequence starts above that bound: the next ids jump ahead by up to 1 000 (on a clean
-- close H2 writes the value reached: no gap). Nothing reads meaning into consecutive ids: they are compared
-- (ORDER BY id, the purge's "id > last id of the batch"), never counted or computed.
--
-- Not on PostgreSQL: there a sequence's cache belongs to each session (connection), so two pooled
-- connections would take ids from different ranges and a row queued later could get a smaller id. Delivery
-- takes due answers ORDER BY next_attempt_at, id and keeps a recipient's answers in that order; first records
-- (InboundRecords, ORDER BY id) and the newest-first lists rely on it too. H2's cache is one per table,
-- shared by all connections, so its ids stay in the order they were drawn.

ALTER TABLE outbox ALTER COLUMN id SET CACHE 1000;
ALTER TABLE inbound_message ALTER COLUMN id SET CACHE 1000;
ALTER TABLE answer_log ALTER COLUMN id SET CACHE 1000;
