package dev.replygate.retention;

/** What one retention run deleted, in rows per table. */
public record RetentionReport(long inboundRecords, long inboundFailures, long answerLog, long recipientLocks,
                              long notifications, long outboxItems) {

    /** What an outbox purge deleted: outbox items and their notifications, nothing of the inbound side. */
    static RetentionReport ofOutbox(long notifications, long outboxItems) {
        return new RetentionReport(0, 0, 0, 0, notifications, outboxItems);
    }

    public long total() {
        return inboundRecords + inboundFailures + answerLog + recipientLocks + notifications + outboxItems;
    }

    /** One line for the log. */
    public String describe() {
        return inboundRecords + " inbound record(s), " + inboundFailures + " failure count(s), " + answerLog
                + " answer-log row(s), " + recipientLocks + " recipient lock(s), " + notifications
                + " notification(s), " + outboxItems + " outbox item(s)";
    }
}
