package dev.replygate.mailbox;

import java.time.Duration;
import java.util.Optional;

/**
 * What one run over a mailbox did.
 *
 * @param mailbox     the mailbox's name
 * @param found       new messages found
 * @param redirected  processed messages that went to the redirected disposition
 * @param ignored     processed messages that went to the ignored disposition
 * @param quarantined processed messages that went to the quarantined disposition
 * @param deferred    messages the inbound stage failed on (not an outage); left in place for the next run
 * @param left        new messages the run did not read because it had read its {@code batches-per-run}; the
 *                    mailbox's next run reads them
 * @param unread      messages the run left on the server unread, and every run will while they are there, as the
 *                    server gives them no key of their own (POP3 messages without a UIDL or sharing one); then
 *                    {@code failure} says which: they need an admin, though the run read all the others
 * @param elapsed     how long the run took
 * @param failure     why the run stopped early, when it did; the rest waits for the next run
 */
public record PollReport(String mailbox, int found, int redirected, int ignored, int quarantined, int deferred,
                         int left, int unread, Duration elapsed, Optional<String> failure) {

    /** A run that read all it found (or stopped on {@code failure}). */
    public PollReport(String mailbox, int found, int redirected, int ignored, int quarantined, int deferred,
                      Duration elapsed, Optional<String> failure) {
        this(mailbox, found, redirected, ignored, quarantined, deferred, 0, 0, elapsed, failure);
    }

    /** Whether the run stopped at its bound with mail left for the next run. */
    public boolean mailLeft() {
        return left > 0;
    }

    /** Messages given to the inbound stage and whose disposition was applied. */
    public int processed() {
        return redirected + ignored + quarantined;
    }

    /** Whether the run stopped early on {@code failure}; a run that only left unkeyed messages unread read the rest. */
    public boolean failed() {
        return failure.isPresent() && unread == 0;
    }

    /**
     * The run's log line, about the mailbox the log context names: {@code found 3, processed 3 (redirected 1,
     * ignored 2, quarantined 0), 41 ms}, with {@code , 1 failed and left for the next run} before the time when
     * messages were deferred, {@code , stopped with 700 left for the next run} when it read its bound of batches
     * with mail left, {@code , stopped early: WHY} when the run failed, and {@code , 2 left on the server unread: WHY}
     * when it left messages it could not key; a run that failed before it found anything says
     * {@code not read: WHY, 41 ms}, not that it found nothing.
     */
    public String summary() {
        if (failure.isPresent() && found == 0 && unread == 0) {
            return "not read: " + failure.get() + ", " + elapsed.toMillis() + " ms";
        }
        return "found " + found + ", processed " + processed() + " (redirected " + redirected
                + ", ignored " + ignored + ", quarantined " + quarantined + ")"
                + (deferred == 0 ? "" : ", " + deferred + " failed and left for the next run")
                + (left == 0 ? "" : ", stopped with " + left + " left for the next run")
                + failure.map(why -> (unread == 0 ? ", stopped early: " : ", " + unread + " left on the server unread: ")
                        + why).orElse("") + ", "
                + elapsed.toMillis() + " ms";
    }
}
