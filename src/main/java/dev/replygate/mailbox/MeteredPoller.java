package dev.replygate.mailbox;

import dev.replygate.metrics.Meters;

/** A poller whose every run's report (the run's one log line) is counted in {@link Meters}. */
final class MeteredPoller implements MailboxPoller {

    private final MailboxPoller poller;
    private final Meters meters;

    MeteredPoller(MailboxPoller poller, Meters meters) {
        this.poller = poller;
        this.meters = meters;
    }

    @Override
    public String mailbox() {
        return poller.mailbox();
    }

    @Override
    public PollReport poll() {
        PollReport report = poller.poll();
        meters.pollFinished(report.mailbox(), report.elapsed(), report.failure());
        return report;
    }
}
