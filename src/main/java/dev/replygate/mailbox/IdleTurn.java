package dev.replygate.mailbox;

import dev.replygate.config.InstanceConfig;
import dev.replygate.outbound.LeaseOwner;
import dev.replygate.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether this process is the one to watch a mailbox with IDLE. One node alone always is. With several
 * nodes on one store, the one holding the mailbox's IDLE lease is ({@link MailboxLeases.Kind#IDLE}); the
 * others ask again every {@link #recheck} and take it over when the holder's lease ran out or its process
 * is gone, so one IDLE connection per mailbox serves the cluster.
 */
public interface IdleTurn {

    /** One node: this process always watches its mailboxes. */
    static IdleTurn always() {
        return new IdleTurn() {
            @Override
            public boolean hold(String mailbox) {
                return true;
            }

            @Override
            public void release(String mailbox) {
                // nothing held
            }

            @Override
            public Optional<Duration> recheck() {
                return Optional.empty();
            }
        };
    }

    /**
     * Several nodes on {@code store}: the IDLE lease lasts two of the nodes' check-in intervals, as the
     * reading lease does ({@link MailboxPoller#create}), and is renewed every third of it.
     */
    static IdleTurn leased(Store store, Clock clock, InstanceConfig node) {
        MailboxLeases leases = new MailboxLeases(store, clock, node.checkInInterval().multipliedBy(2),
                MailboxLeases.Kind.IDLE);
        String owner = LeaseOwner.ofThisProcess().name();
        Duration recheck = leases.lease().dividedBy(3);
        return new IdleTurn() {
            @Override
            public boolean hold(String mailbox) {
                return leases.take(mailbox, owner).isEmpty();
            }

            @Override
            public void release(String mailbox) {
                leases.release(mailbox, owner);
            }

            @Override
            public Optional<Duration> recheck() {
                return Optional.of(recheck);
            }
        };
    }

    /**
     * Takes the turn, or renews it when this process has it: true while this process is the one to IDLE.
     * A failure of the store is thrown: the caller does not know then, and does not IDLE.
     */
    boolean hold(String mailbox);

    /** Gives the turn up (the watcher stops): another process takes it at its next ask. */
    void release(String mailbox);

    /** How often {@link #hold} is asked again, by the holder (renewal) and the others (takeover); empty: never. */
    Optional<Duration> recheck();
}
