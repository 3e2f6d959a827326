package dev.replygate.mailbox;

import dev.replygate.logging.LogContext;
import dev.replygate.store.Columns;
import dev.replygate.store.Store;
import dev.replygate.text.HeaderText;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each mailbox's last successful and failed poll, and the node that polled it last, kept in the store
 * (table {@code mailbox_state}).
 */
public final class MailboxStates {

    static final int MAX_ERROR = 1000;
    private static final Logger log = LoggerFactory.getLogger(MailboxStates.class);

    private final Store store;
    private final Clock clock;
    private final String node;

    /** For reading the states only. */
    public MailboxStates(Store store, Clock clock) {
        this(store, clock, null);
    }

    /** For recording the polls of {@code node} (its {@code instance.name}). */
    public MailboxStates(Store store, Clock clock, String node) {
        this.store = store;
        this.clock = clock;
        this.node = node;
    }

    /**
     * Records the outcome of a poll that just ended; a store that refuses is logged, never thrown,
     * as the poll's own outcome stands and the next poll writes the state again.
     */
    void record(PollReport report) {
        try {
            pollFinished(report.mailbox(), report.failure());
        } catch (RuntimeException e) {
            LogContext.mailbox(report.mailbox()).around(() -> log.warn("cannot record the poll's outcome in the store: {}",
                    e.getMessage()));
        }
    }

    private void pollFinished(String mailbox, Optional<String> error) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        String cleaned = error.map(text -> cut(HeaderText.forHeader(text))).orElse(null);
        store.inTransaction(connection -> {
            String column = cleaned == null ? "last_success_at" : "last_failure_at";
            try (PreparedStatement update = connection.prepareStatement("UPDATE mailbox_state SET " + column
                    + " = ?, node = ?" + (cleaned == null ? "" : ", last_error = ?") + " WHERE mailbox = ?")) {
                int i = 1;
                update.setObject(i++, now);
                update.setString(i++, node);
                if (cleaned != null) {
                    update.setString(i++, cleaned);
                }
                update.setString(i, mailbox);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            insert(connection, mailbox, cleaned == null ? now : null, cleaned == null ? null : now, cleaned, node);
            return null;
        });
    }

    /** Every mailbox the store has a state of, by name. */
    public List<MailboxState> all() {
        return store.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT mailbox, last_success_at,"
                    + " last_failure_at, last_error, node FROM mailbox_state ORDER BY mailbox");
                 ResultSet rows = select.executeQuery()) {
                List<MailboxState> states = new ArrayList<>();
                while (rows.next()) {
                    states.add(new MailboxState(rows.getString("mailbox"),
                            Optional.ofNullable(Columns.instant(rows, "last_success_at")),
                            Optional.ofNullable(Columns.instant(rows, "last_failure_at")),
                            Optional.ofNullable(rows.getString("last_error")),
                            Optional.ofNullable(rows.getString("node"))));
                }
                return states;
            }
        });
    }

    private static void insert(Connection connection, String mailbox, Object success, Object failure, String error,
                               String node) throws SQLException {
        // the mailbox's one poller writes its row, so no other insert races this one
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mailbox_state"
                + " (mailbox, last_success_at, last_failure_at, last_error, node) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, mailbox);
            insert.setObject(2, success);
            insert.setObject(3, failure);
            insert.setString(4, error);
            insert.setString(5, node);
            insert.executeUpdate();
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
