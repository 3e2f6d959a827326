package dev.replygate.digest;

import dev.replygate.config.DigestConfig;
import dev.replygate.config.MailboxConfig;
import dev.replygate.mailbox.PollHealth;
import dev.replygate.metrics.MailboxPolls;
import dev.replygate.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Gathers a digest's contents: the store's records of the period, and how each covered mailbox is doing now. */
final class DigestReader {

    private final DigestQueries queries;
    private final List<MailboxConfig> mailboxes;
    private final MailboxHealth health;

    DigestReader(Store store, List<MailboxConfig> mailboxes, MailboxHealth health) {
        this.queries = new DigestQueries(store);
        this.mailboxes = List.copyOf(mailboxes);
        this.health = health;
    }

    DigestContents read(DigestConfig digest, DigestPeriod period) {
        DigestQueries.Tallies tallies = queries.read(digest, period, new MailChart(period, digest.timeZone()));
        List<MailboxState> states = new ArrayList<>();
        for (MailboxConfig mailbox : mailboxes) {
            if (digest.covers(mailbox.name())) {
                states.add(state(mailbox, tallies.waiting().getOrDefault(mailbox.name(), 0L)));
            }
        }
        return new DigestContents(period, tallies.inbound(), tallies.notifications(), states);
    }

    private MailboxState state(MailboxConfig mailbox, long waiting) {
        Optional<MailboxPolls> polls = health.polls(mailbox.name());
        String idle = health.idling(mailbox.name()).map(idling -> idling ? "yes" : "no").orElse("");
        if (polls.isEmpty()) {
            return new MailboxState(mailbox.name(), "unknown", null, "", null, waiting, idle);
        }
        MailboxPolls known = polls.get();
        String state = PollHealth.of(known.lastSuccess(), known.lastFailure()).key();
        return new MailboxState(mailbox.name(), state, known.lastSuccess().orElse(null),
                known.lastError().orElse(""), health.failingSince(mailbox.name()).orElse(null), waiting, idle);
    }
}
