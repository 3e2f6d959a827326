package dev.replygate.outbound;

import dev.replygate.config.Secret;
import dev.replygate.config.SmtpConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxDelivererTest {

    @Test
    void theLeaseOutlastsOneMessageWhoseEveryCommandTimesOutAReconnectionIncluded() {
        SmtpConfig smtp = DeliveryHarness.plainSmtp(25);

        Duration lease = OutboxDeliverer.leaseFor(smtp);

        Duration worstMessage = smtp.connectTimeout().plus(smtp.timeout().multipliedBy(6 + 6));
        assertThat(lease).isGreaterThan(worstMessage);
    }

    @Test
    void withTheDefaultTimeoutsAnInterruptedSendComesBackInMinutesNotHours() {
        // issue 7: the lease covered a whole batch of 50 timing out, 2 h 34 min
        SmtpConfig defaults = new SmtpConfig("relay.example.com", 587, SmtpConfig.SmtpSecurity.STARTTLS, "",
                Secret.empty(), Duration.ofSeconds(10), Duration.ofSeconds(30), "");

        assertThat(OutboxDeliverer.leaseFor(defaults)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }
}
