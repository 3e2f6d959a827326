-- Portable between H2 (2.x) and PostgreSQL.

-- How each mailbox's polls went, written at the end of every poll by the process that polled it, so
-- that another process (`replygate mailbox list`, a digest, another node) sees whether a mailbox
-- works and, when it does not, why: a refused login or OAuth2 token, a server out of reach. One row
-- per mailbox name; a mailbox removed from the config keeps its row, shown as not configured.
CREATE TABLE mailbox_state (
    mailbox          VARCHAR(64)    NOT NULL,
    last_success_at  TIMESTAMP WITH TIME ZONE,  -- NULL until a poll succeeded
    last_failure_at  TIMESTAMP WITH TIME ZONE,  -- NULL until a poll failed
    last_error       VARCHAR(1000),             -- why the last failed poll failed; cleaned, cut
    CONSTRAINT pk_mailbox_state PRIMARY KEY (mailbox)
);
