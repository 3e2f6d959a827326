package dev.replygate.classify;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Signatures for tests: the Message-IDs and reply addresses it was told about are "signed". */
final class FakeSignatures implements TicketSignatures {

    private final Map<String, String> messageIds = new HashMap<>();
    private final Map<String, String> addresses = new HashMap<>();

    FakeSignatures signedMessageId(String id, String ticket) {
        messageIds.put(id, ticket);
        return this;
    }

    FakeSignatures signedAddress(String address, String ticket) {
        addresses.put(address.toLowerCase(Locale.ROOT), ticket);
        return this;
    }

    @Override
    public Optional<String> ticketOfMessageId(String messageId) {
        return Optional.ofNullable(messageIds.get(messageId));
    }

    @Override
    public Optional<String> ticketOfAddress(String address) {
        return Optional.ofNullable(addresses.get(address.toLowerCase(Locale.ROOT)));
    }
}
