package dev.replygate.digest;

import dev.replygate.config.DigestConfig;
import dev.replygate.config.DigestConfig.EmptyPeriod;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.notify.RenderedTemplate;
import dev.replygate.notify.TemplateRenderer;
import dev.replygate.outbound.EnqueueResult;
import dev.replygate.outbound.MailComposer;
import dev.replygate.outbound.Outbox;
import dev.replygate.signing.SignedMessageIds;
import dev.replygate.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configured digests: rendered from the store for a period, and sent through the outbox once per
 * period and recipient.
 */
public final class Digests {

    static final String TEMPLATE = "digest";
    private static final Logger log = LoggerFactory.getLogger(Digests.class);

    private final ReplygateConfig config;
    private final DigestReader reader;
    private final DigestSender sender;
    private final Clock clock;

    public Digests(ReplygateConfig config, Store store, Outbox outbox, SignedMessageIds messageIds,
                   MailComposer composer, MailboxHealth health, Clock clock) {
        this.config = config;
        this.reader = new DigestReader(store, config.mailboxes(), health, clock);
        this.sender = new DigestSender(store, outbox, messageIds, composer, config.sender());
        this.clock = clock;
    }

    /**
     * How far back before {@code now} the digests may still read: to the start of the last period that
     * ended (its digest may not be sent yet: a daemon that was down sends it at its start), for the digest
     * whose periods are longest; while none has ended, to the start of the period in progress, which the first
     * digest covers. Zero without digests, and for a digest that has not fired yet.
     */
    public static Duration stillRead(List<DigestConfig> digests, Instant now) {
        return digests.stream()
                .map(digest -> {
                    DigestSchedule schedule = new DigestSchedule(digest);
                    return schedule.lastEnded(now).or(() -> schedule.inProgress(now))
                            .map(period -> Duration.between(period.start(), now))
                            .orElse(Duration.ZERO);
                })
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** The digest named {@code name}; fails naming the configured ones when there is none. */
    public DigestConfig named(String name) {
        return config.digest(name).orElseThrow(() -> new IllegalArgumentException("no digest named `" + name
                + "`; configured: " + (config.digests().isEmpty() ? "none (see digests: in the config)"
                : config.digests().stream().map(DigestConfig::name).collect(Collectors.joining(", ")))));
    }

    /**
     * The period in progress now, from the digest's last firing until now: what {@link #sendNow} sends; empty
     * before its first firing.
     */
    public Optional<DigestPeriod> currentPeriod(DigestConfig digest) {
        return new DigestSchedule(digest).inProgress(clock.instant());
    }

    /** Where the period that ends at {@code end} starts: the digest's last firing before it; empty when none was. */
    public Optional<Instant> periodBefore(DigestConfig digest, Instant end) {
        return new DigestSchedule(digest).lastFiringAtOrBefore(end.minusMillis(1));
    }

    /** When the digest is next sent by the daemon. */
    public Instant nextFiring(DigestConfig digest) {
        return new DigestSchedule(digest).nextFiringAfter(clock.instant());
    }

    /** The digest of {@code period}, rendered from the store, sent nowhere. */
    public RenderedTemplate render(DigestConfig digest, DigestPeriod period) {
        return render(digest, reader.read(digest, period));
    }

    /**
     * The scheduled run: queues the digest of the period that the firing at {@code firing} ends, unless
     * it was queued before (another node, a run before a restart). Empty for the digest's first firing, which
     * ends no period: it starts the first.
     */
    public Optional<DigestSent> sendScheduled(DigestConfig digest, Instant firing) {
        Optional<DigestPeriod> period = new DigestSchedule(digest).endedBy(firing);
        if (period.isEmpty()) {
            log.info("digest {}: its first firing, at {}, starts its first period; nothing to send before the next",
                    digest.name(), firing);
        }
        return period.map(ended -> send(digest, ended));
    }

    /**
     * At the daemon's start: queues the digest of the last period that ended, unless it was queued
     * before, so that a firing missed while no daemon ran is made good, and a restart sends nothing twice.
     * Empty while no period has ended (the digest has fired once or not at all).
     */
    public Optional<DigestSent> sendLastEnded(DigestConfig digest) {
        return new DigestSchedule(digest).lastEnded(clock.instant()).map(period -> send(digest, period));
    }

    /**
     * Queues the digest of the period in progress, as far as it went; the scheduled digest still follows. Empty
     * before the digest's first firing.
     */
    public Optional<DigestSent> sendNow(DigestConfig digest) {
        return currentPeriod(digest).map(period -> send(digest, period));
    }

    /** Queues the digest of {@code period} to each recipient that has not had it. */
    public DigestSent send(DigestConfig digest, DigestPeriod period) {
        DigestContents contents = reader.read(digest, period);
        if (contents.quiet() && digest.emptyPeriod() == EmptyPeriod.NOTHING) {
            log.info("digest {} for {} to {}: nothing happened, nothing sent (empty-period: nothing)", digest.name(),
                    period.start(), period.end());
            return new DigestSent(period, List.of(), true);
        }
        List<EnqueueResult> results = sender.queue(digest, period, render(digest, contents));
        log.info("digest {} for {} to {}: {}", digest.name(), period.start(), period.end(), results.stream()
                .map(result -> "outbox#" + result.id() + (result.created() ? " queued" : " queued before"))
                .collect(Collectors.joining(", ")));
        return new DigestSent(period, results, false);
    }

    private RenderedTemplate render(DigestConfig digest, DigestContents contents) {
        TemplateRenderer renderer = TemplateRenderer.of(config, digest.timeZone(), clock);
        return renderer.render(TEMPLATE, digest.locale(), DigestVariables.of(digest.name(), contents,
                config.portal()));
    }

    /**
     * What {@link #send} did.
     *
     * @param period  the period covered
     * @param queued  per recipient: its outbox item, new or queued before
     * @param skipped true when nothing happened in the period and the digest sends nothing then
     */
    public record DigestSent(DigestPeriod period, List<EnqueueResult> queued, boolean skipped) {

        public DigestSent {
            queued = List.copyOf(queued);
        }
    }
}
