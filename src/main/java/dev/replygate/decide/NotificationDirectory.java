package dev.replygate.decide;

import java.util.Optional;

/** Where and in which language a ticket's customer was written to; the store answers, or nothing offline. */
public interface NotificationDirectory {

    /** Knows nothing: {@code explain} runs without a store. */
    NotificationDirectory OFFLINE = new NotificationDirectory() {
        @Override
        public Optional<Recipient> byMessageId(String messageId) {
            return Optional.empty();
        }

        @Override
        public Optional<Recipient> latestOfTicket(String ticketId) {
            return Optional.empty();
        }
    };

    /** Knows a notification of every ticket, sent to {@code address} in {@code locale}: what if one were on record. */
    static NotificationDirectory everyNotificationTo(String address, String locale) {
        Optional<Recipient> recipient = Optional.of(new Recipient(address, locale, null));
        return new NotificationDirectory() {
            @Override
            public Optional<Recipient> byMessageId(String messageId) {
                return recipient;
            }

            @Override
            public Optional<Recipient> latestOfTicket(String ticketId) {
                return recipient;
            }
        };
    }

    /** The recipient of the notification with this Message-ID. */
    Optional<Recipient> byMessageId(String messageId);

    /** The recipient of the ticket's latest notification. */
    Optional<Recipient> latestOfTicket(String ticketId);

    /** A notification's recipient address and locale, and the ticket's access key the portal gave with it (or null). */
    record Recipient(String address, String locale, String ticketKey) {
    }
}
