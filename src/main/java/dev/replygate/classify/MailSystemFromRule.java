package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code From:} that only a mail system writes, whatever the Return-Path says. Two named rules:
 * <ul>
 *   <li>{@code null-from}: the null address {@code <>} in From ({@code From: MAILER-DAEMON <>},
 *       {@code From: <>}), as DragonFly and m-FILTER write their bounces;</li>
 *   <li>{@code mail-system-name}: a From whose display name is a mail system's ("Mail Delivery
 *       Subsystem", "Mailer Daemon", "Internet Mail Delivery", "MMSC NDR Administrator"…), as
 *       gateways write it above a real address.</li>
 * </ul>
 * A forged one can only keep a message from being answered.
 */
final class MailSystemFromRule implements AutomatedMailRule {

    private static final String HEADER = "From";
    private static final Pattern NULL_ADDRESS = Pattern.compile("<\\s*>");
    private static final Pattern MAIL_SYSTEM_NAME = Pattern.compile("(?i)[\\s\"']*(?:mailer[-_ ]?daemon"
            + "|mail\\s+deliver(?:y)?\\s+(?:system|subsystem|service|software|agent)|internet\\s+mail\\s+delivery"
            + "|postmaster|(?:mmsc\\s+)?ndr\\s+administrator)[\\s\"']*");

    private enum Kind { NULL_FROM, MAIL_SYSTEM_NAME }

    static final MailSystemFromRule NULL_FROM = new MailSystemFromRule("null-from", Kind.NULL_FROM);
    static final MailSystemFromRule SYSTEM_NAME = new MailSystemFromRule("mail-system-name", Kind.MAIL_SYSTEM_NAME);

    static final List<MailSystemFromRule> ALL = List.of(NULL_FROM, SYSTEM_NAME);

    private final String name;
    private final Kind kind;

    private MailSystemFromRule(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        Optional<String> written = mail.header(HEADER);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        List<ParsedMail.Mailbox> from = mail.from() == null ? List.of()
                : mail.from().stream().filter(Objects::nonNull).toList();
        boolean fired = switch (kind) {
            case NULL_FROM -> from.stream().anyMatch(box -> box.address() == null || box.address().isBlank())
                    || (from.isEmpty() && NULL_ADDRESS.matcher(written.get()).find());
            case MAIL_SYSTEM_NAME -> from.stream()
                    .anyMatch(box -> box.name() != null && MAIL_SYSTEM_NAME.matcher(box.name()).matches());
        };
        return fired ? Optional.of(Reason.header(name, HEADER, written.get())) : Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.BOUNCE;
    }
}
