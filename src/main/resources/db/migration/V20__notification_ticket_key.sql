-- Portable between H2 (2.x) and PostgreSQL.
-- Numbered 20: V17 and V18 are other branches', V19 this branch's OAuth2 tokens.

-- The ticket's access key the portal gave with the notification (WHMCS's `c`, which viewticket.php
-- needs beside the ticket number), for portal.ticket-url's {ticketKey}. An answer to a reply links to
-- the ticket with the key on record for the notification replied to, never with one a stranger wrote.
ALTER TABLE notification ADD COLUMN ticket_key VARCHAR(64);   -- NULL when the portal gave none
