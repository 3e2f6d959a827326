package dev.replygate.config;

import dev.replygate.address.MailAddress;
import dev.replygate.config.DigestConfig.EmptyPeriod;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

/**
 * Binds {@code digests}: unique names, a cron expression Quartz accepts and that fires after now in the digest's
 * time zone, recipients, and only mailboxes that are configured.
 */
final class DigestsSection {

    static final int DEFAULT_LIST_LIMIT = 20;
    private static final int MAX_LIST_LIMIT = 500;

    private final Set<String> namesSoFar = new HashSet<>();
    private final Set<String> mailboxNames;

    private DigestsSection(List<MailboxConfig> mailboxes) {
        this.mailboxNames = new HashSet<>();
        mailboxes.forEach(mailbox -> mailboxNames.add(mailbox.name()));
    }

    static List<DigestConfig> bind(MappingReader root, List<MailboxConfig> mailboxes) {
        return root.mappingList("digests", List.of(), new DigestsSection(mailboxes)::digest);
    }

    private Optional<DigestConfig> digest(MappingReader item) {
        Optional<String> name = item.required("name", ValueParsers.token());
        Optional<String> cron = item.required("cron", cronExpression());
        ZoneId timeZone = item.optional("time-zone", ZoneId.of("UTC"), ValueParsers.timeZone());
        Optional<List<MailAddress>> recipients = item.requiredList("recipients", ValueParsers.bareMailAddress());
        String locale = item.optional("locale", "en", ValueParsers.languageTag());
        List<String> mailboxes = item.list("mailboxes", List.of(), ValueParsers.mailboxName());
        EmptyPeriod emptyPeriod = item.optional("empty-period", EmptyPeriod.QUIET_LINE, emptyPeriod());
        int listLimit = item.optional("list-limit", DEFAULT_LIST_LIMIT, ValueParsers.intBetween(1, MAX_LIST_LIMIT));
        if (name.isPresent() && !namesSoFar.add(name.get())) {
            item.reject("name", "`" + name.get() + "` is the name of an earlier digest too");
            return Optional.empty();
        }
        for (String mailbox : mailboxes) {
            if (!mailboxNames.contains(mailbox)) {
                item.reject("mailboxes", "`" + mailbox + "` is not the name of a configured mailbox"
                        + (mailboxNames.isEmpty() ? " (none is configured)" : " (configured: "
                        + String.join(", ", mailboxNames.stream().sorted().toList()) + ")"));
                return Optional.empty();
            }
        }
        if (cron.isPresent() && item.isValid("time-zone") && !firesAfterNow(cron.get(), timeZone)) {
            item.reject("cron", "`" + cron.get() + "` never fires (in its time zone " + timeZone + "): it has no"
                    + " firing after now (a date its months do not have, or years gone by?)");
            return Optional.empty();
        }
        if (name.isEmpty() || cron.isEmpty() || recipients.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DigestConfig(name.get(), cron.get(), timeZone, recipients.get(), locale, mailboxes,
                emptyPeriod, listLimit));
    }

    /** A Quartz cron expression: seconds, minutes, hours, day of month, month, day of week (, year). */
    static ValueParser<String> cronExpression() {
        return text -> {
            try {
                CronExpression.validateExpression(text);
                return text;
            } catch (ParseException e) {
                throw new InvalidValueException("`" + text + "` is not a Quartz cron expression (" + e.getMessage()
                        + "); e.g. `0 0 8 * * ?` for every day at 08:00, `0 0 8 ? * MON` for Mondays");
            }
        };
    }

    /**
     * Whether {@code cron}, a valid expression, fires after now in {@code timeZone}, as Quartz finds its firings: one
     * that never does ({@code 0 0 8 31 4 ?}, {@code 0 0 8 * * ? 2020}) is one the daemon's scheduler refuses.
     */
    private static boolean firesAfterNow(String cron, ZoneId timeZone) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(timeZone));
            return expression.getTimeAfter(new Date()) != null;
        } catch (ParseException e) {
            throw new IllegalStateException("checked by cronExpression(): " + cron, e);
        }
    }

    /** {@code quiet-line} or {@code nothing}. */
    private static ValueParser<EmptyPeriod> emptyPeriod() {
        return text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "quiet-line" -> EmptyPeriod.QUIET_LINE;
            case "nothing" -> EmptyPeriod.NOTHING;
            default -> throw new InvalidValueException("`" + text + "` is not one of quiet-line, nothing");
        };
    }
}
