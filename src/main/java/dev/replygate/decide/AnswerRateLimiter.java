package dev.replygate.decide;

import dev.replygate.address.MailAddress;
import dev.replygate.classify.Reason;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The answer rate limits of one mailbox, kept in {@code answer_log} (and, for the hourly caps, the
 * answers per minute in {@code answer_count}): at most one answer per recipient
 * and ticket in the reply window (one per recipient in the window for answers to new mail), at most a
 * daily cap of answers per recipient in any 24 hours, and at most an hourly cap of answers per
 * recipient domain (all mailboxes together) and per mailbox. All windows slide: an answer counts while
 * it is younger than the window, and stops counting the instant it is exactly as old.
 *
 * <p>Call {@link #refusal} and, when it allows the answer, {@link #record} in the same transaction as
 * the one that queues the answer. {@code refusal} locks the recipient, then its domain, then the
 * mailbox (always in this order, so two transactions never wait for each other in a circle) until that
 * transaction ends, so that two transactions deciding at once (the same mail to two mailboxes, two
 * nodes) cannot both see room for an answer; a wait longer than the database's lock timeout fails the
 * waiting transaction, and its message is decided again on the next run. Recipients are compared by
 * {@link MailAddress#untaggedKey}: {@code victim+1@x.test} and {@code Victim+2@x.test} share victim@x.test's limits.
 */
public final class AnswerRateLimiter {

    public static final String TICKET_WINDOW = "rate-limit:ticket-window";
    public static final String DAILY_CAP = "rate-limit:daily-cap";
    public static final String DOMAIN_HOURLY_CAP = "rate-limit:domain-hourly-cap";
    public static final String MAILBOX_HOURLY_CAP = "rate-limit:mailbox-hourly-cap";

    public static final Duration DEFAULT_REPLY_WINDOW = Duration.ofHours(24);
    public static final int DEFAULT_MAX_ANSWERS_PER_SENDER_PER_DAY = 5;

    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_RECIPIENT_LENGTH = MailAddress.MAX_LENGTH;
    private static final int MAX_TICKET_LENGTH = 64;
    private static final int MAX_INBOUND_KEY_LENGTH = 500;
    private static final String DOMAIN_KEY = "domain:";
    private static final long SECONDS_PER_MINUTE = 60;

    private final String mailbox;
    private final String mailboxKey;
    private final Duration replyWindow;
    private final int maxAnswersPerDay;
    private final int maxAnswersPerDomainPerHour;
    private final int maxAnswersPerMailboxPerHour;

    /**
     * @param mailbox                     the configured name of the mailbox whose answers this limits
     * @param replyWindow                 how long after an answer about a ticket the same recipient gets
     *                                    no other about it ({@code reply-window})
     * @param maxAnswersPerDay            answers per recipient in any 24 hours
     *                                    ({@code max-answers-per-sender-per-day})
     * @param maxAnswersPerDomainPerHour  answers to one recipient domain in any hour, all mailboxes
     *                                    together ({@code max-answers-per-domain-per-hour})
     * @param maxAnswersPerMailboxPerHour answers from this mailbox in any hour
     *                                    ({@code max-answers-per-mailbox-per-hour})
     */
    public AnswerRateLimiter(String mailbox, Duration replyWindow, int maxAnswersPerDay,
                             int maxAnswersPerDomainPerHour, int maxAnswersPerMailboxPerHour) {
        Objects.requireNonNull(mailbox, "mailbox");
        if (replyWindow.isNegative() || replyWindow.isZero()) {
            throw new IllegalArgumentException("reply window must be positive: " + replyWindow);
        }
        if (maxAnswersPerDay < 1) {
            throw new IllegalArgumentException("max answers per sender per day must be at least 1: "
                    + maxAnswersPerDay);
        }
        if (maxAnswersPerDomainPerHour < 1 || maxAnswersPerMailboxPerHour < 1) {
            throw new IllegalArgumentException("the hourly answer caps must be at least 1: "
                    + maxAnswersPerDomainPerHour + ", " + maxAnswersPerMailboxPerHour);
        }
        this.mailbox = mailbox;
        this.mailboxKey = "mailbox:" + mailbox;
        this.replyWindow = replyWindow;
        this.maxAnswersPerDay = maxAnswersPerDay;
        this.maxAnswersPerDomainPerHour = maxAnswersPerDomainPerHour;
        this.maxAnswersPerMailboxPerHour = maxAnswersPerMailboxPerHour;
    }

    /**
     * Why {@code recipient} must not get an answer about {@code ticketIdOrNull} (null: new mail) at
     * {@code now}; empty when it may. Locks the recipient, its domain and the mailbox until the caller's
     * transaction ends.
     *
     * @throws IllegalStateException when {@code connection} is not in a transaction
     */
    public Optional<Reason> refusal(Connection connection, String recipient, String ticketIdOrNull, Instant now)
            throws SQLException {
        return refusal(connection, HeldLocks.NONE, recipient, ticketIdOrNull, now);
    }

    /**
     * {@link #refusal(Connection, String, String, Instant)} in a transaction that took {@code held} with
     * {@link #lockAhead}: a lock held already is not asked for again.
     */
    public Optional<Reason> refusal(Connection connection, HeldLocks held, String recipient, String ticketIdOrNull,
                                    Instant now) throws SQLException {
        requireTransaction(connection);
        String key = recipientKey(recipient);
        checkTicket(ticketIdOrNull);
        held.lock(connection, key);

        Instant windowStart = now.minus(replyWindow);
        Optional<Instant> last = lastAnswer(connection, key, ticketIdOrNull, windowStart);
        if (last.isPresent()) {
            String about = ticketIdOrNull == null ? "new mail" : "ticket " + ticketIdOrNull;
            return Optional.of(new Reason(TICKET_WINDOW, key + " was answered about " + about + " at " + last.get()
                    + ", within the reply window of " + replyWindow));
        }
        Instant dayStart = now.minus(DAY);
        int answers = answersSince(connection, "recipient", key, dayStart);
        if (answers >= maxAnswersPerDay) {
            return Optional.of(new Reason(DAILY_CAP, key + " got " + answers + " answers since " + dayStart
                    + "; the cap is " + maxAnswersPerDay + " in 24 hours"));
        }
        Instant hourStart = now.minus(HOUR);
        String domain = domainOf(key);
        String domainKey = DOMAIN_KEY + domain;
        held.lock(connection, domainKey);
        int toDomain = answersCountedSince(connection, "recipient_domain", domain, domainKey, hourStart);
        if (toDomain >= maxAnswersPerDomainPerHour) {
            return Optional.of(new Reason(DOMAIN_HOURLY_CAP, domain + " got " + toDomain + " answers since "
                    + hourStart + "; the cap is " + maxAnswersPerDomainPerHour + " an hour"));
        }
        held.lock(connection, mailboxKey);
        int fromMailbox = answersCountedSince(connection, "mailbox", mailbox, mailboxKey, hourStart);
        if (fromMailbox >= maxAnswersPerMailboxPerHour) {
            return Optional.of(new Reason(MAILBOX_HOURLY_CAP, "mailbox " + mailbox + " sent " + fromMailbox
                    + " answers since " + hourStart + "; the cap is " + maxAnswersPerMailboxPerHour + " an hour"));
        }
        return Optional.empty();
    }

    /**
     * Takes, at the start of a transaction that decides several answers (a fetched batch), every lock
     * {@link #refusal} will take for {@code recipients}, in one global order: the recipients, then their
     * domains, then the mailbox, each sorted. {@code refusal} alone keeps that order for one answer; a batch
     * locking answer by answer would hold one answer's domain while it waits for the next recipient, which a
     * transaction of another mailbox may hold while it waits for that domain. A recipient {@code refusal}
     * would reject is skipped here (it fails on its own there). Returns the locks taken, for {@code refusal}
     * in the same transaction.
     */
    public HeldLocks lockAhead(Connection connection, Collection<String> recipients) throws SQLException {
        requireTransaction(connection);
        SortedSet<String> keys = new TreeSet<>();
        for (String recipient : recipients) {
            try {
                keys.add(recipientKey(recipient));
            } catch (IllegalArgumentException e) {
                // not lockable: its own refusal throws, and undoes only its message
            }
        }
        if (keys.isEmpty()) {
            return HeldLocks.NONE;
        }
        Set<String> held = new HashSet<>();
        SortedSet<String> domains = new TreeSet<>();
        for (String key : keys) {
            RecipientLock.lock(connection, key);
            held.add(key);
            domains.add(domainOf(key));
        }
        for (String domain : domains) {
            RecipientLock.lock(connection, DOMAIN_KEY + domain);
            held.add(DOMAIN_KEY + domain);
        }
        RecipientLock.lock(connection, mailboxKey);
        held.add(mailboxKey);
        return new HeldLocks(connection, held);
    }

    /**
     * Records that {@code recipient} was answered about {@code ticketIdOrNull} (null: new mail) for the
     * received message {@code inboundKey}, in the caller's transaction.
     *
     * @throws SQLException with SQLState 23505 when {@code inboundKey} was answered already; the caller's
     *                      transaction, and with it the second answer, must then roll back
     */
    public void record(Connection connection, String recipient, String ticketIdOrNull, String inboundKey,
                       Instant now) throws SQLException {
        requireTransaction(connection);
        String key = recipientKey(recipient);
        checkTicket(ticketIdOrNull);
        Objects.requireNonNull(inboundKey, "inboundKey");
        if (inboundKey.isBlank() || inboundKey.length() > MAX_INBOUND_KEY_LENGTH) {
            throw new IllegalArgumentException("inbound key must have 1 to " + MAX_INBOUND_KEY_LENGTH
                    + " characters: " + inboundKey.length());
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO answer_log (recipient, ticket_id, inbound_key, answered_at, mailbox, recipient_domain)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, ticketIdOrNull);
            insert.setString(3, inboundKey);
            insert.setObject(4, now.atOffset(ZoneOffset.UTC));
            insert.setString(5, mailbox);
            insert.setString(6, domainOf(key));
            insert.executeUpdate();
        }
        long minute = Math.floorDiv(now.getEpochSecond(), SECONDS_PER_MINUTE);
        countAnswer(connection, DOMAIN_KEY + domainOf(key), minute);
        countAnswer(connection, mailboxKey, minute);
    }

    /**
     * Adds one to the answers of {@code capKey} in {@code minute}. {@link #refusal} holds the lock row of
     * {@code capKey} until the transaction ends, so no other transaction writes the same row meanwhile (a
     * caller that records without it may meet a unique violation, which fails its transaction).
     */
    private static void countAnswer(Connection connection, String capKey, long minute) throws SQLException {
        if (addToCount(connection, capKey, minute)) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO answer_count (cap_key, epoch_minute, answers) VALUES (?, ?, 1)")) {
            insert.setString(1, capKey);
            insert.setLong(2, minute);
            insert.executeUpdate();
        }
    }

    private static boolean addToCount(Connection connection, String capKey, long minute) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE answer_count SET answers = answers + 1 WHERE cap_key = ? AND epoch_minute = ?")) {
            update.setString(1, capKey);
            update.setLong(2, minute);
            return update.executeUpdate() == 1;
        }
    }

    private static Optional<Instant> lastAnswer(Connection connection, String recipient, String ticketIdOrNull,
                                                Instant since) throws SQLException {
        String ticketCondition = ticketIdOrNull == null ? "ticket_id IS NULL" : "ticket_id = ?";
        try (PreparedStatement query = connection.prepareStatement("SELECT MAX(answered_at) FROM answer_log"
                + " WHERE recipient = ? AND " + ticketCondition + " AND answered_at > ?")) {
            int index = 1;
            query.setString(index++, recipient);
            if (ticketIdOrNull != null) {
                query.setString(index++, ticketIdOrNull);
            }
            query.setObject(index, since.atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                OffsetDateTime last = row.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(last).map(OffsetDateTime::toInstant);
            }
        }
    }

    /**
     * The answers to {@code value} of {@code column} logged after {@code since}: the minutes counted in
     * {@code answer_count} under {@code capKey} after the minute {@code since} falls in, and the rows of
     * {@code answer_log} in that minute after {@code since}. As exact as counting every row, at a cost that
     * does not grow with the answers of the hour.
     *
     * @param column {@code recipient_domain} or {@code mailbox}: a constant, never input
     */
    private static int answersCountedSince(Connection connection, String column, String value, String capKey,
                                           Instant since) throws SQLException {
        long firstMinute = Math.floorDiv(since.getEpochSecond(), SECONDS_PER_MINUTE);
        Instant firstMinuteEnd = Instant.ofEpochSecond((firstMinute + 1) * SECONDS_PER_MINUTE);
        int answers;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM answer_log WHERE " + column + " = ? AND answered_at > ? AND answered_at < ?")) {
            query.setString(1, value);
            query.setObject(2, since.atOffset(ZoneOffset.UTC));
            query.setObject(3, firstMinuteEnd.atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                answers = row.getInt(1);
            }
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT SUM(answers) FROM answer_count WHERE cap_key = ? AND epoch_minute > ?")) {
            query.setString(1, capKey);
            query.setLong(2, firstMinute);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return answers + row.getInt(1);
            }
        }
    }

    /** @param column {@code recipient}: a constant, never input */
    private static int answersSince(Connection connection, String column, String value, Instant since)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM answer_log WHERE " + column + " = ? AND answered_at > ?")) {
            query.setString(1, value);
            query.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static String recipientKey(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        String key = MailAddress.untaggedKey(recipient);
        if (key.isEmpty() || key.length() > MAX_RECIPIENT_LENGTH) {
            throw new IllegalArgumentException("recipient must be local@domain of at most " + MAX_RECIPIENT_LENGTH
                    + " characters: " + key.length());
        }
        return key;
    }

    private static String domainOf(String recipientKey) {
        return recipientKey.substring(recipientKey.lastIndexOf('@') + 1);
    }

    private static void checkTicket(String ticketIdOrNull) {
        if (ticketIdOrNull != null && (ticketIdOrNull.isEmpty() || ticketIdOrNull.length() > MAX_TICKET_LENGTH)) {
            throw new IllegalArgumentException("ticket id must have 1 to " + MAX_TICKET_LENGTH + " characters: "
                    + ticketIdOrNull.length());
        }
    }

    private static void requireTransaction(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("the rate limits must be checked and recorded inside the transaction "
                    + "that queues the answer; this connection is in auto-commit mode");
        }
    }
}
