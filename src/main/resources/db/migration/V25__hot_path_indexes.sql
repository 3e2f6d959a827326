-- Portable between H2 (2.x) and PostgreSQL.
--
-- Two indexes that every answer wrote and that no query needs. Each answer put one entry into each at a
-- random place (a random Message-ID; a recipient), so in a store of some size each cost the transaction that
-- recorded the answer a page read from the file and a whole page written at its commit, among the most
-- costly parts of recording a message (bench/README.md, "Two indexes fewer").
--
-- uq_outbox_message_id: no statement looks an outbox item up by its Message-ID, and every Message-ID in the
-- outbox is made here with 96 random bits (signing/SignedMessageIds), so the constraint guarded against
-- nothing that can happen. A notification's Message-ID stays unique by the notification table's primary key,
-- and an answer's or notification's second enqueue is refused by uq_outbox_idempotency_key, as before.
ALTER TABLE outbox DROP CONSTRAINT uq_outbox_message_id;

-- ix_answer_log_recipient_ticket (recipient, ticket_id, answered_at): the reply window's query
-- (decide/AnswerRateLimiter, "SELECT MAX(answered_at) ... WHERE recipient = ? AND ticket_id ... AND
-- answered_at > ?") now reads ix_answer_log_recipient (recipient, answered_at): the recipient's answers in
-- the window, which the same check's daily count reads anyway (at most a day's cap per day of the window).
-- PostgreSQL already planned it so for new mail (ticket_id IS NULL).
DROP INDEX ix_answer_log_recipient_ticket;
