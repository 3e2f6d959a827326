-- Portable between H2 (2.x) and PostgreSQL.

-- Which node read each mailbox last: the instance.name of the process whose poll of it ended last.
-- With several nodes on one store (README, "Several nodes"), any node may run a mailbox's poll job;
-- `mailbox list` and the status page show this column so operators see where a mailbox is read.
-- NULL for polls recorded before this column existed.
ALTER TABLE mailbox_state ADD COLUMN node VARCHAR(64);
