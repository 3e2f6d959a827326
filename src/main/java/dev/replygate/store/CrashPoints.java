package dev.replygate.store;

/**
 * Named points between the steps of a stage where crash tests stop the JVM, to prove that a crash
 * there loses nothing and repeats no effect. {@link #reach} halts the JVM (exit code
 * {@value #EXIT_CODE}, no shutdown hooks, nothing flushed: as a kill would) when the system property
 * {@value #SETTING}, which only the crash tests pass ({@code -D}), names the point; otherwise it does
 * nothing. No environment variable arms it: a variable left in a service's environment must never
 * halt a production daemon. The setting is read once, when the class loads.
 */
public final class CrashPoints {

    /** The system property, the crash tests' switch, naming the point to crash at. */
    public static final String SETTING = "replygate.test.crash-at";
    /** The exit code of a JVM halted at a crash point. */
    public static final int EXIT_CODE = 99;

    /**
     * In the inbound stage: the batch's first record transaction holds the first message's record and queued
     * answer; the batch's other messages are not written yet.
     */
    public static final String INBOUND_WITHIN_BATCH = "inbound.within-batch";
    /**
     * In the inbound stage: a record transaction's records and queued answers are written, the transaction not
     * committed (in a batch recorded in several transactions, the first).
     */
    public static final String INBOUND_BEFORE_COMMIT = "inbound.before-commit";
    /**
     * In the inbound stage, in a batch recorded in more than one transaction: one transaction's records are
     * committed, the batch's later messages are not written yet; the mailbox has not applied the dispositions.
     */
    public static final String INBOUND_BETWEEN_TRANSACTIONS = "inbound.between-transactions";
    /** In the inbound stage: the batch's records are committed; the mailbox has not applied the dispositions. */
    public static final String INBOUND_AFTER_COMMIT = "inbound.after-commit";
    /** In an IMAP poll: a batch's dispositions are applied (moved); its read progress is not saved. */
    public static final String MAILBOX_AFTER_DISPOSITIONS = "mailbox.after-dispositions";
    /** In delivery: due items are waiting in the outbox; none is claimed yet. */
    public static final String OUTBOX_BEFORE_CLAIM = "outbox.before-claim";
    /** In delivery: an item is claimed (its lease taken); nothing is sent. */
    public static final String OUTBOX_BEFORE_SEND = "outbox.before-send";
    /** In delivery: the SMTP server accepted an item; it is not marked sent. */
    public static final String OUTBOX_AFTER_SEND = "outbox.after-send";

    private static final String ARMED = armed();

    private CrashPoints() {
    }

    /** Halts the JVM when {@code name} is the point named by {@value #SETTING}; a no-op otherwise. */
    public static void reach(String name) {
        if (ARMED != null && ARMED.equals(name)) {
            System.err.println("replygate: crash point " + name + " reached; halting with exit code " + EXIT_CODE);
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }

    private static String armed() {
        String value = System.getProperty(SETTING);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
