package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Precedence} or {@code X-Precedence} of {@code bulk}, {@code junk}, {@code list} or
 * {@code auto_reply}. Any other value is not automatic by itself ({@link WeakHeaderSignal} notes it).
 */
final class PrecedenceRule implements AutomatedMailRule {

    static final String NAME = "precedence";
    static final List<String> HEADERS = List.of("Precedence", "X-Precedence");
    private static final Map<String, MailClass> CLASSES = Map.of(
            "bulk", MailClass.BULK,
            "junk", MailClass.BULK,
            "list", MailClass.LIST,
            "auto_reply", MailClass.AUTO_REPLY,
            "auto-reply", MailClass.AUTO_REPLY);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        for (String header : HEADERS) {
            for (String value : mail.headers(header)) {
                if (CLASSES.containsKey(HeaderValues.firstToken(value))) {
                    return Optional.of(Reason.header(NAME, header, value));
                }
            }
        }
        return Optional.empty();
    }

    static boolean isAutomaticValue(String value) {
        return CLASSES.containsKey(HeaderValues.firstToken(value));
    }

    @Override
    public MailClass mailClass(Reason reason) {
        String value = reason.value().substring(reason.value().indexOf(':') + 1);
        return CLASSES.getOrDefault(HeaderValues.firstToken(value), MailClass.BULK);
    }
}
