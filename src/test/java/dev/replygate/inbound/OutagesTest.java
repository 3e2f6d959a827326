package dev.replygate.inbound;

import dev.replygate.mailbox.BodyRefused;
import dev.replygate.store.StoreException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ParseException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.ProviderException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 5: an outage is retried however often and never counts against a message; a
 * failure of the message's own (a bug, data the store refuses) counts towards its quarantine.
 */
class OutagesTest {

    @Test
    void theStoreOrTheMailServerOutOfReachIsAnOutage() {
        assertThat(Outages.isOutage(new StoreException(new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(Outages.isOutage(new StoreException(new SQLTransientConnectionException("pool timeout")))).isTrue();
        assertThat(Outages.isOutage(new UncheckedIOException(new IOException("connection reset")))).isTrue();
        assertThat(Outages.isOutage(new IllegalStateException(new FolderClosedException(null)))).isTrue();
    }

    /** The content hash's native provider (NSS) failing mid-message is ours to retry, not the message's fault. */
    @Test
    void aSecurityProviderFailingIsAnOutage() {
        assertThat(Outages.isOutage(new ProviderException("CKR_DEVICE_MEMORY"))).isTrue();
        assertThat(Outages.isOutage(new IllegalStateException(new ProviderException("x")))).isTrue();
    }

    @Test
    void dataTheStoreRefusesAndBugsAreTheMessagesOwn() {
        assertThat(Outages.isOutage(new StoreException(new SQLException("Value too long", "22001")))).isFalse();
        assertThat(Outages.isOutage(new StoreException(new SQLException("check violated", "23513")))).isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("ticket id must be 1 to 64 characters"))).isFalse();
        assertThat(Outages.isOutage(new NullPointerException())).isFalse();
        assertThat(Outages.isOutage(new StackOverflowError())).isFalse();
    }

    /** An answer that cannot be composed for a stranger's address would otherwise stop the mailbox at it forever. */
    @Test
    void anAddressOrHeaderValueAngusCannotParseIsTheMessagesOwnThoughItIsAMessagingException() {
        assertThat(Outages.isOutage(new IllegalArgumentException("unusable address: Illegal character in local part",
                new AddressException("Illegal character in local part", "a\"b@customer.test")))).isFalse();
        assertThat(Outages.isOutage(new IllegalStateException("cannot compose message",
                new ParseException("Unbalanced quoted string")))).isFalse();
    }

    @Test
    void aBodyTheServerRefusesIsTheMessagesOwnThoughItIsAnIOException() {
        assertThat(Outages.isOutage(new BodyRefused("the server refused the body of UID 2 in INBOX"))).isFalse();
        assertThat(Outages.isOutage(new UncheckedIOException(new BodyRefused("cut")))).isFalse();
        assertThat(Outages.isOutage(new IOException("UID 2 in INBOX was expunged by another client")))
                .as("a message gone, or any other read failure, is not counted against it").isTrue();
    }

    @Test
    void anInterruptedThreadIsAnOutage() {
        Thread.currentThread().interrupt();
        try {
            assertThat(Outages.isOutage(new IllegalStateException("whatever"))).isTrue();
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }
}
