package dev.replygate.outbound;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailureTest {

    @Test
    void aRefusedRecipientNestedInInvalidAddressesIsPermanentWithTheServersText() throws Exception {
        InternetAddress address = new InternetAddress("a@example.org");
        SMTPAddressFailedException refused = new SMTPAddressFailedException(address, "RCPT TO:<a@example.org>", 550,
                "550 5.1.1 User unknown\n");
        SendFailedException invalid = new SendFailedException("Invalid Addresses", refused);

        assertThat(SmtpFailure.of(invalid)).isEqualTo(new SmtpFailure(true, "550 5.1.1 User unknown"));
    }

    @Test
    void a4xxIsTemporary() throws Exception {
        SMTPSendFailedException busy = new SMTPSendFailedException("DATA", 451, "451 4.3.0 Local error", null,
                null, null, null);

        assertThat(SmtpFailure.of(busy)).isEqualTo(new SmtpFailure(false, "451 4.3.0 Local error"));
    }

    @Test
    void brokenConnectionsAndTimeoutsAreTemporaryAndSayWhatHappened() {
        MessagingException refused = new MessagingException("Couldn't connect to host",
                new ConnectException("Connection refused"));
        MessagingException timeout = new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out"));

        assertThat(SmtpFailure.of(refused))
                .isEqualTo(new SmtpFailure(false, "Couldn't connect to host: Connection refused"));
        assertThat(SmtpFailure.of(timeout).permanent()).isFalse();
        assertThat(SmtpFailure.of(timeout).text()).contains("Read timed out");
    }
}
