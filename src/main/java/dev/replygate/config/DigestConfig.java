package dev.replygate.config;

import dev.replygate.address.MailAddress;

import java.time.ZoneId;
import java.util.List;

/**
 * One operators' digest: what it covers, when it is sent and to whom.
 *
 * @param name        its name, for {@code replygate digest} and the log
 * @param cron        a Quartz cron expression: each firing ends one period and starts the next
 * @param timeZone    the zone the cron expression and the digest's dates are read in
 * @param recipients  who gets it; each gets one mail per period
 * @param locale      the language it is written in (en, fa; more by template files)
 * @param mailboxes   the mailboxes it covers, by name; empty for every mailbox
 * @param emptyPeriod what a period in which nothing happened sends
 * @param listLimit   how many items each list shows at most; its total is always shown
 */
public record DigestConfig(String name, String cron, ZoneId timeZone, List<MailAddress> recipients, String locale,
                           List<String> mailboxes, EmptyPeriod emptyPeriod, int listLimit) {

    public DigestConfig {
        recipients = List.copyOf(recipients);
        mailboxes = List.copyOf(mailboxes);
    }

    /** True when the digest covers {@code mailbox}. */
    public boolean covers(String mailbox) {
        return mailboxes.isEmpty() || mailboxes.contains(mailbox);
    }

    /** What an empty period sends. */
    public enum EmptyPeriod {
        /** a short "all quiet" digest */
        QUIET_LINE,
        /** no mail at all */
        NOTHING
    }
}
