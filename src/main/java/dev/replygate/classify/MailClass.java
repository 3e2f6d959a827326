package dev.replygate.classify;

import java.util.List;
import java.util.Locale;

/**
 * What a received message is. {@link #REPLY} and {@link #NEW} are the only human classes; every
 * other class is never answered.
 *
 * <p>When rules of several classes fire, the verdict takes the first of {@link #PRECEDENCE}:
 * loop, bounce, report, spam, auto-reply, list, bulk. A loop comes first because answering it would
 * feed the loop whatever else the message is; a bounce before a report because a bounce is evidence
 * about one of our notifications; spam before the auto-reply classes because a spam verdict makes
 * every other header of the message untrustworthy.
 */
public enum MailClass {
    REPLY, NEW, AUTO_REPLY, BOUNCE, REPORT, LIST, BULK, SPAM, LOOP, UNPARSEABLE;

    /** The automatic classes, strongest first. */
    public static final List<MailClass> PRECEDENCE = List.of(LOOP, BOUNCE, REPORT, SPAM, AUTO_REPLY, LIST, BULK);

    /** The name used in records, logs and {@code explain}: {@code auto-reply}, {@code bounce}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for mail written by a person: the only classes that may ever be answered. */
    public boolean human() {
        return this == REPLY || this == NEW;
    }

    /** True when this class wins over {@code other} under {@link #PRECEDENCE}. */
    boolean outranks(MailClass other) {
        int mine = PRECEDENCE.indexOf(this);
        int theirs = PRECEDENCE.indexOf(other);
        if (mine < 0 || theirs < 0) {
            throw new IllegalArgumentException("not an automatic class: " + (mine < 0 ? this : other));
        }
        return mine < theirs;
    }

    @Override
    public String toString() {
        return label();
    }
}
