-- Portable between H2 (2.x) and PostgreSQL.

-- Which process watches each mailbox with IMAP IDLE. With several nodes on one store (PostgreSQL), one
-- IDLE connection per mailbox is enough: the node holding this row keeps it (lease_until renewed every
-- third of the lease while it idles) and the others wait; when the holder dies, its lease runs out (or
-- its process is seen gone on the same machine, outbound.LeaseOwner) and another node takes the row
-- and starts IDLE. A holder that stops frees the row. Separate from mailbox_lease, which a poll run
-- holds only while it reads: IDLE stays on one node between runs, whichever node runs them.
-- One node alone (H2) never uses this table.
CREATE TABLE mailbox_idle_lease (
    mailbox      VARCHAR(64)    NOT NULL,
    holder       VARCHAR(200),                 -- LeaseOwner name machine/pid/start/nonce; NULL when free
    lease_until  TIMESTAMP WITH TIME ZONE,     -- the holder's claim ends here unless renewed
    CONSTRAINT pk_mailbox_idle_lease PRIMARY KEY (mailbox)
);
