-- Portable between H2 (2.x) and PostgreSQL.

-- How far an IMAP folder has been read: every message up to last_uid (in the UIDVALIDITY epoch
-- uid_validity) was given to the inbound stage and its disposition applied. Each read mode keeps
-- its own cursor, so that messages read in shadow mode (or left in place in keyword mode) are read
-- again, and their recorded outcome applied, after the mode changes.
CREATE TABLE mailbox_cursor (
    mailbox       VARCHAR(32)  NOT NULL,
    read_mode     VARCHAR(16)  NOT NULL,          -- move | keyword | shadow
    uid_validity  BIGINT       NOT NULL,
    last_uid      BIGINT       NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_mailbox_cursor PRIMARY KEY (mailbox, read_mode)
);

-- POP3 messages that were processed and stay on the server, by UIDL, so that they are not read
-- again. Rows of messages no longer on the server are removed when the mailbox is read.
CREATE TABLE pop3_seen (
    mailbox    VARCHAR(32)  NOT NULL,
    read_mode  VARCHAR(16)  NOT NULL,             -- keep | delete (quarantined ones) | shadow
    uidl       VARCHAR(70)  NOT NULL,             -- RFC 1939: 1 to 70 characters
    seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_pop3_seen PRIMARY KEY (mailbox, read_mode, uidl)
);
