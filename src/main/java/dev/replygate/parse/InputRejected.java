package dev.replygate.parse;

import org.apache.james.mime4j.MimeException;

/**
 * Raised inside mime4j's callbacks when the message cannot be parsed into anything sensible;
 * {@link MailParser} turns it into an {@link UnparseableMailException} with the same message.
 */
final class InputRejected extends MimeException {

    InputRejected(String message) {
        super(message);
    }
}
