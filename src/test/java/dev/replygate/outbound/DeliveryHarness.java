package dev.replygate.outbound;

import dev.replygate.testsupport.MutableClock;
import dev.replygate.config.DeliveryConfig;
import dev.replygate.config.Secret;
import dev.replygate.config.SmtpConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

/** A store, an outbox and a deliverer wired to an SMTP server on loopback, with a clock tests move. */
final class DeliveryHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final DeliveryConfig DELIVERY = new DeliveryConfig(Duration.ofSeconds(10), 25, Duration.ofMinutes(1),
            Duration.ofHours(1), Duration.ofDays(3));
    /** The jitter this harness draws: half of the 10% at most. */
    static final double RANDOM = 0.5;

    final TestStore db = new TestStore();
    final MutableClock clock = new MutableClock(T0);
    final Outbox outbox = new Outbox(db.store, clock);

    static SmtpConfig plainSmtp(int port) {
        return smtp(port, SmtpConfig.SmtpSecurity.NONE, "", Secret.empty());
    }

    static SmtpConfig smtp(int port, SmtpConfig.SmtpSecurity security, String username, Secret password) {
        return new SmtpConfig("127.0.0.1", port, security, username, password, Duration.ofSeconds(2),
                Duration.ofSeconds(5), "replygate.test");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    OutboxDeliverer deliverer(SmtpConfig smtp, String owner, DeliveryConfig delivery) {
        DeliveryQueue queue = new DeliveryQueue(db.store, clock, owner, OutboxDeliverer.leaseFor(smtp));
        return new OutboxDeliverer(queue, new SmtpRelay(smtp), delivery,
                new Backoff(delivery.initialBackoff(), delivery.maxBackoff(), () -> RANDOM), clock);
    }

    OutboxDeliverer deliverer(SmtpConfig smtp) {
        return deliverer(smtp, "test-node", DELIVERY);
    }

    long enqueue(OutboxEntry entry) {
        return db.store.inTransaction(connection -> outbox.enqueue(connection, entry)).id();
    }

    OutboxItem item(long id) {
        return outbox.find(id).orElseThrow();
    }

    /** Runs the deliverer until nothing is due, at most {@code maxRuns} times. */
    static DeliveryReport deliverUntilNothingDue(OutboxDeliverer deliverer, int maxRuns) {
        DeliveryReport total = DeliveryReport.NOTHING;
        for (int run = 0; run < maxRuns; run++) {
            DeliveryReport report = deliverer.deliverDue();
            if (report.attempted() == 0) {
                return total;
            }
            total = total.plus(report);
        }
        throw new AssertionError("still items due after " + maxRuns + " runs: " + total);
    }

    @Override
    public void close() {
        db.close();
    }
}
