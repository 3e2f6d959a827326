package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A complaint report outside {@code multipart/report}: Microsoft's junk-mail reporting program
 * (JMRP) sends the reported message as an attachment marked with {@code X-HmXmrOriginalRecipient},
 * in a plain {@code multipart/mixed} without any automation header.
 */
final class FeedbackLoopReportRule implements AutomatedMailRule {

    static final String NAME = "feedback-loop-report";
    private static final List<String> MARKERS = List.of("x-hmxmroriginalrecipient:");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        if (mail.attachedHeaders() == null) {
            return Optional.empty();
        }
        for (String block : mail.attachedHeaders()) {
            if (block == null) {
                continue;
            }
            for (String line : block.split("\r\n|\r|\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                for (String marker : MARKERS) {
                    if (lower.startsWith(marker)) {
                        return Optional.of(new Reason(NAME, "attached " + line.strip()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.REPORT;
    }
}
