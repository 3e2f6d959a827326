package dev.replygate.mailbox;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A poller whose every run's report goes to its observers (the meters, the store's mailbox state),
 * in order, after the run; an observer never changes the run's outcome.
 */
final class ObservedPoller implements MailboxPoller {

    private final MailboxPoller poller;
    private final List<Consumer<PollReport>> observers;

    ObservedPoller(MailboxPoller poller, List<Consumer<PollReport>> observers) {
        this.poller = poller;
        this.observers = List.copyOf(observers);
    }

    @Override
    public String mailbox() {
        return poller.mailbox();
    }

    @Override
    public PollReport poll(BooleanSupplier giveWay) {
        PollReport report = poller.poll(giveWay);
        observers.forEach(observer -> observer.accept(report));
        return report;
    }

    @Override
    public void close() {
        poller.close();
    }
}
