package dev.replygate.mailbox;

import dev.replygate.logging.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an admin whether a mailbox's server writes {@code Return-Path} on delivered mail: once, after
 * the first poll that examined messages, one log line. Without it a missing Return-Path is the usual
 * case, not a hint of a bounce, and only replies that carry our signed token can be answered.
 * Counts only messages whose whole header was read.
 */
public final class ReturnPathReport {

    private static final Logger log = LoggerFactory.getLogger(ReturnPathReport.class);

    private final String mailbox;
    private int examined;
    private int carrying;
    private boolean told;

    public ReturnPathReport(String mailbox) {
        this.mailbox = mailbox;
    }

    /** One examined message: whether its header had a Return-Path field. */
    public synchronized void add(boolean hasReturnPath) {
        if (!told) {
            examined++;
            carrying += hasReturnPath ? 1 : 0;
        }
    }

    /** Logs {@link #sentence()} after the first run that examined messages; later runs say nothing. */
    synchronized void endOfRun() {
        if (!told && examined > 0) {
            told = true;
            LogContext.mailbox(mailbox).around(() -> log.info(sentence()));
        }
    }

    /** What the messages counted so far say about the server. */
    public synchronized String sentence() {
        String counted = " (" + carrying + " of " + examined + ")";
        if (carrying == examined) {
            return "the server writes Return-Path on delivered mail" + counted;
        }
        String missing = ": a missing Return-Path is only a weak sign of automatic mail (return-path-missing);"
                + " replies carrying our signed token are answered at their ticket's address, other mail without"
                + " Return-Path has no address to answer at";
        if (carrying == 0) {
            return "the server does not write Return-Path on delivered mail" + counted
                    + missing;
        }
        return "some messages have no Return-Path" + counted
                + " (appended or saved rather than delivered, or more than one delivery path)" + missing;
    }
}
