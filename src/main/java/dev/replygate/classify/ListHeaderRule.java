package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.List;
import java.util.Optional;

/**
 * RFC 2369, 2919, 8058 and the older list managers' headers (ezmlm, SmartList, fml): the message came through a list.
 * {@code Feedback-ID} (what bulk senders put on campaigns) implies bulk mail rather than a list.
 */
final class ListHeaderRule implements AutomatedMailRule {

    static final String NAME = "list-header";
    static final String FEEDBACK_ID = "Feedback-ID";
    static final List<String> HEADERS = List.of("List-Id", "List-Help", "List-Subscribe", "List-Unsubscribe",
            "List-Post", "List-Owner", "List-Archive", "List-Unsubscribe-Post", "Mailing-List", "X-Mailing-List",
            "X-ML-Name", "X-MLServer", FEEDBACK_ID);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        for (String header : HEADERS) {
            Optional<String> value = mail.header(header);
            if (value.isPresent()) {
                return Optional.of(Reason.header(NAME, header, value.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return reason.value().startsWith(FEEDBACK_ID + ":") ? MailClass.BULK : MailClass.LIST;
    }
}
