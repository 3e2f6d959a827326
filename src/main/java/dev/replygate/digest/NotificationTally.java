package dev.replygate.digest;

/**
 * The portal's notifications in a period.
 *
 * @param queued      queued in the period
 * @param sent        taken by an SMTP server in the period
 * @param deferred    waiting for another attempt after a failed one, last tried in the period
 * @param failed      given up on in the period, with the server's text
 * @param hardBounced reported gone by a trusted DSN in the period, with the address and the DSN's status
 * @param softBounced reported delayed or refused for now by a trusted DSN in the period
 */
record NotificationTally(long queued, long sent, long deferred, CappedList failed, CappedList hardBounced,
                         long softBounced) {

    long bounced() {
        return hardBounced.total() + softBounced;
    }
}
