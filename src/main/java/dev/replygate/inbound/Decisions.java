package dev.replygate.inbound;

import dev.replygate.store.Store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The recorded decisions as operators look at them: newest first, searched, one by one, counted. */
public final class Decisions {

    private final Store store;
    private final InboundRecords records = new InboundRecords();

    public Decisions(Store store) {
        this.store = store;
    }

    /**
     * {@code limit} records from {@code offset}, newest first; with a non-blank {@code term} only those
     * whose sender, ticket, Message-ID (with or without angle brackets) or class it is.
     */
    public List<InboundRecord> search(String term, int offset, int limit) {
        String cleaned = term == null ? "" : term.strip();
        if (cleaned.startsWith("<") && cleaned.endsWith(">") && cleaned.length() > 2) {
            cleaned = cleaned.substring(1, cleaned.length() - 1);
        }
        String searched = cleaned;
        return store.inTransaction(c -> records.search(c, searched, offset, limit));
    }

    /**
     * What happened to mail about a ticket or from a sender: at most {@code limit} records, newest first,
     * received at or after {@code since}; a null criterion matches every record.
     */
    public List<InboundRecord> about(String ticket, String sender, Instant since, int limit) {
        return store.inTransaction(c -> records.about(c, ticket, sender, since, limit));
    }

    public Optional<InboundRecord> find(long id) {
        return store.inTransaction(c -> records.findById(c, id));
    }

    /** Per mailbox, per action, the records since {@code since}. */
    public Map<String, Map<String, Long>> countsSince(Instant since) {
        return store.inTransaction(c -> records.countsSince(c, since));
    }
}
