package dev.replygate.digest;

import java.util.List;

/** Everything one digest shows, for one period. */
record DigestContents(DigestPeriod period, InboundTally inbound, NotificationTally notifications,
                      List<MailboxState> mailboxes) {

    DigestContents {
        mailboxes = List.copyOf(mailboxes);
    }

    /** Nothing was received or sent and every mailbox is well: the "all quiet" digest, or none. */
    boolean quiet() {
        return inbound.received() == 0 && notifications.queued() == 0 && notifications.sent() == 0
                && notifications.deferred() == 0 && notifications.failed().total() == 0
                && notifications.bounced() == 0 && mailboxes.stream().allMatch(MailboxState::healthy);
    }
}
