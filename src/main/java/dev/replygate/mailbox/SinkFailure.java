package dev.replygate.mailbox;

/** The inbound stage threw on one message: the run stops there and the message is given again next run. */
final class SinkFailure extends Exception {

    SinkFailure(String key, String messageId, Exception cause) {
        super("the inbound stage failed on " + key + " " + messageId + ": " + cause, cause);
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }
}
