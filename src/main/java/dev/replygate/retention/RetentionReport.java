package dev.replygate.retention;

/** What one retention run deleted, in rows per table. */
public record RetentionReport(long inboundRecords, long answerLog, long notifications, long outboxItems) {

    public long total() {
        return inboundRecords + answerLog + notifications + outboxItems;
    }

    /** One line for the log. */
    public String describe() {
        return inboundRecords + " inbound record(s), " + answerLog + " answer-log row(s), " + notifications
                + " notification(s), " + outboxItems + " outbox item(s)";
    }
}
