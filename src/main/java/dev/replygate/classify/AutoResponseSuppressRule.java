package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;
import java.util.Set;

/**
 * MS-OXCMAIL {@code X-Auto-Response-Suppress} with {@code All}, {@code OOF} or {@code AutoReply}: the
 * sender asks not to be answered automatically. ({@code DR}, {@code NDR}, {@code RN}, {@code NRN} only
 * concern receipts and delivery reports, which replygate never sends.)
 */
final class AutoResponseSuppressRule implements AutomatedMailRule {

    static final String NAME = "x-auto-response-suppress";
    private static final String HEADER = "X-Auto-Response-Suppress";
    private static final Set<String> SUPPRESSING = Set.of("all", "oof", "autoreply");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        for (String value : mail.headers(HEADER)) {
            if (HeaderValues.tokens(value).stream().anyMatch(SUPPRESSING::contains)) {
                return Optional.of(Reason.header(NAME, HEADER, value));
            }
        }
        return Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.AUTO_REPLY;
    }
}
