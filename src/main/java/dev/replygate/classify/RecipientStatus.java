package dev.replygate.classify;

import java.util.Objects;

/**
 * What a delivery report says about one recipient.
 *
 * @param recipient         the final recipient address ({@code rfc822;} type and brackets removed)
 * @param originalRecipient the address as originally given, when reported; else null
 * @param action            what happened
 * @param status            the enhanced status code {@code class.subject.detail}; null when none was
 *                          reported or could be read from the diagnostic
 * @param diagnostic        the remote server's words ({@code Diagnostic-Code} or the bounce text); may be empty
 * @param hard              true when the <em>address</em> is gone: the mailbox or domain does not exist,
 *                          has moved, or accepts no mail. A permanent failure about the message or a
 *                          policy (mailbox full, blocked, spam, too big) is soft: the address may work
 *                          for another message. Only a hard bounce should stop mail to a customer.
 */
public record RecipientStatus(String recipient, String originalRecipient, DeliveryAction action, String status,
                              String diagnostic, boolean hard) {

    public RecipientStatus {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(action, "action");
        diagnostic = diagnostic == null ? "" : diagnostic;
    }

    /** True when the failure is final for this message: a 5.x.x status, or failed without a 4.x.x one. */
    public boolean permanent() {
        if (status != null) {
            return status.startsWith("5");
        }
        return action == DeliveryAction.FAILED;
    }
}
