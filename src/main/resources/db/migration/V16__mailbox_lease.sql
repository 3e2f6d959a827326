-- Portable between H2 (2.x) and PostgreSQL.

-- Which process reads each mailbox now. Two processes on one store (a second node, a manual
-- `run --once` beside the daemon) must never read one mailbox at the same time: both would give
-- the same messages to the inbound stage and both would move them. A poll takes its mailbox's row
-- (row lock, then holder and lease_until written), renews lease_until while it reads, and frees the
-- row when it ends. A holder that died without freeing it loses the row when lease_until passes, or
-- at once when it ran on the same machine and its process is gone (outbound.LeaseOwner).
CREATE TABLE mailbox_lease (
    mailbox      VARCHAR(64)    NOT NULL,
    holder       VARCHAR(200),                 -- LeaseOwner name machine/pid/start/nonce; NULL when free
    lease_until  TIMESTAMP WITH TIME ZONE,     -- the holder's claim ends here unless renewed
    CONSTRAINT pk_mailbox_lease PRIMARY KEY (mailbox)
);
