-- Portable between H2 (2.x) and PostgreSQL.
-- Numbered 13: V12 is another branch's.

-- Messages whose processing failed for a reason of their own (a bug or a data error they set off,
-- not an outage), counted per message in a transaction of its own. After inbound.max-attempts
-- failures the message is recorded quarantined (inbound_message) and this row is removed; a row
-- whose message later succeeded stays as the trace of its failures.
CREATE TABLE inbound_failure (
    mailbox          VARCHAR(64)    NOT NULL,
    message_key      VARCHAR(300)   NOT NULL,   -- as in inbound_message
    attempts         INTEGER        NOT NULL,
    last_error       VARCHAR(1000)  NOT NULL,   -- cleaned of control characters, cut
    first_failed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_inbound_failure PRIMARY KEY (mailbox, message_key),
    CONSTRAINT ck_inbound_failure_attempts CHECK (attempts > 0)
);
