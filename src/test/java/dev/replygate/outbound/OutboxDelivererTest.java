package dev.replygate.outbound;

import dev.replygate.config.DeliveryConfig;
import dev.replygate.config.SmtpConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxDelivererTest {

    @Test
    void theLeaseOutlastsABatchInWhichEveryCommandTimesOut() {
        SmtpConfig smtp = DeliveryHarness.plainSmtp(25);
        DeliveryConfig delivery = DeliveryHarness.DELIVERY;

        Duration lease = OutboxDeliverer.leaseFor(smtp, delivery);

        Duration worstBatch = smtp.connectTimeout().plus(smtp.timeout().multipliedBy(6 + 6L * delivery.batchSize()));
        assertThat(lease).isGreaterThan(worstBatch);
    }
}
