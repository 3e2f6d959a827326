package dev.replygate.digest;

import dev.replygate.config.DigestConfig;
import dev.replygate.config.MailboxConfig;
import dev.replygate.mailbox.MailboxStates;
import dev.replygate.mailbox.PollHealth;
import dev.replygate.store.Store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a digest's contents: the store's records of the period, and how each covered mailbox is doing now,
 * as the store keeps it (whichever node polled it); when its failures began and whether IDLE waits are known
 * only to the process that polls it.
 */
final class DigestReader {

    private final DigestQueries queries;
    private final MailboxStates states;
    private final List<MailboxConfig> mailboxes;
    private final MailboxHealth health;

    DigestReader(Store store, List<MailboxConfig> mailboxes, MailboxHealth health, Clock clock) {
        this.queries = new DigestQueries(store);
        this.states = new MailboxStates(store, clock);
        this.mailboxes = List.copyOf(mailboxes);
        this.health = health;
    }

    DigestContents read(DigestConfig digest, DigestPeriod period) {
        DigestQueries.Tallies tallies = queries.read(digest, period, new MailChart(period, digest.timeZone()));
        Map<String, dev.replygate.mailbox.MailboxState> polled = new HashMap<>();
        states.all().forEach(state -> polled.put(state.mailbox(), state));
        List<MailboxState> covered = new ArrayList<>();
        for (MailboxConfig mailbox : mailboxes) {
            if (digest.covers(mailbox.name())) {
                covered.add(state(polled.get(mailbox.name()), mailbox.name(),
                        tallies.waiting().getOrDefault(mailbox.name(), 0L)));
            }
        }
        return new DigestContents(period, tallies.inbound(), tallies.notifications(), covered);
    }

    private MailboxState state(dev.replygate.mailbox.MailboxState polled, String name, long waiting) {
        String idle = health.idling(name).map(idling -> idling ? "yes" : "no").orElse("");
        if (polled == null) {
            return new MailboxState(name, PollHealth.WAITING.key(), null, "", null, waiting, idle);
        }
        PollHealth state = polled.health();
        return new MailboxState(name, state.key(), polled.lastSuccess().orElse(null),
                polled.lastError().orElse(""),
                state == PollHealth.FAILING ? health.failingSince(name).orElse(null) : null, waiting, idle);
    }
}
