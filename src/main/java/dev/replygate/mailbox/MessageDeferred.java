package dev.replygate.mailbox;

/**
 * The inbound stage failed on one message for a reason of the message's own (it set off a bug or a
 * data error), not because the store or the mail server is out of reach. Nothing of the message is
 * recorded but the failed attempt: the mailbox leaves it where it is, goes on with the next message,
 * and gives it again at the next run.
 */
public class MessageDeferred extends Exception {

    /**
     * @param description what failed, cleaned of control characters (it may quote a stranger's text)
     * @param cause       the failure
     */
    public MessageDeferred(String description, Throwable cause) {
        super(description, cause);
    }
}
