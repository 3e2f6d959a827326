package dev.replygate.mailbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A poller whose every run's outcome is kept in the store ({@link MailboxStates}) for other processes to see. */
final class StateRecordingPoller implements MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(StateRecordingPoller.class);

    private final MailboxPoller poller;
    private final MailboxStates states;

    StateRecordingPoller(MailboxPoller poller, MailboxStates states) {
        this.poller = poller;
        this.states = states;
    }

    @Override
    public String mailbox() {
        return poller.mailbox();
    }

    @Override
    public PollReport poll() {
        PollReport report = poller.poll();
        try {
            states.pollFinished(report.mailbox(), report.failure());
        } catch (RuntimeException e) {
            // the poll's own outcome stands; the next poll writes the state again
            log.warn("mailbox {}: cannot record the poll's outcome in the store: {}", report.mailbox(),
                    e.getMessage());
        }
        return report;
    }
}
