package dev.replygate.outbound;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;

/**
 * One SMTP session that sends a batch of stored messages, one transaction each. After a failed
 * message it checks the session (NOOP) and reconnects if the server hung up.
 */
final class SmtpConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);
    private static final String NULL_SENDER = "<>";

    private final Session session;
    private final SmtpRelay relay;
    private Transport transport;
    private boolean suspect;

    SmtpConnection(Session session, SmtpRelay relay, Transport transport) {
        this.session = session;
        this.relay = relay;
        this.transport = transport;
    }

    /**
     * Sends the message to its recipient with its envelope sender. Throws {@link SmtpConnectException}
     * when the server cannot be reached again; {@link MessagingException} when this message failed.
     */
    void send(ClaimedMessage message) throws SmtpConnectException, MessagingException {
        reconnectIfBroken();
        OutboxItem item = message.item();
        SMTPMessage smtpMessage = new SMTPMessage(session, new ByteArrayInputStream(message.rawMessage()));
        if (item.envelopeFrom().isEmpty()) {
            smtpMessage.setEnvelopeFrom(NULL_SENDER);
            // a message with the null sender must not cause mail back (RFC 3834 §4); Angus adds it only
            // when the server offers DSN
            smtpMessage.setNotifyOptions(SMTPMessage.NOTIFY_NEVER);
        } else {
            smtpMessage.setEnvelopeFrom(item.envelopeFrom());
        }
        try {
            transport.sendMessage(smtpMessage, new Address[] {new InternetAddress(item.recipient(), true)});
        } catch (MessagingException e) {
            suspect = true;
            throw e;
        }
    }

    private void reconnectIfBroken() throws SmtpConnectException {
        if (!suspect) {
            return;
        }
        suspect = false;
        if (!transport.isConnected()) {
            closeQuietly();
            transport = relay.connect();
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("closing the SMTP connection failed: {}", SmtpFailure.describe(e));
        }
    }
}
