-- Portable between H2 (2.x) and PostgreSQL.

-- Global answer caps: at most so many answers per mailbox, and per recipient domain, in any hour.
-- Rows written before this migration have NULLs here and do not count; the caps look back one hour.
-- From now on answer_log.recipient holds the untagged key (victim+1@x.test is victim@x.test), and
-- answer_recipient also holds the lock rows 'domain:<domain>' and 'mailbox:<name>' (no '@', so they
-- never meet an address).
ALTER TABLE answer_log ADD COLUMN mailbox VARCHAR(64);
ALTER TABLE answer_log ADD COLUMN recipient_domain VARCHAR(320);
CREATE INDEX ix_answer_log_mailbox ON answer_log (mailbox, answered_at);
CREATE INDEX ix_answer_log_domain ON answer_log (recipient_domain, answered_at);

-- Finds an earlier answered message with the same Message-ID, in any mailbox.
CREATE INDEX ix_inbound_message_id ON inbound_message (message_id);
