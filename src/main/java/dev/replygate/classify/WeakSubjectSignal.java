package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A subject that begins the way automatic replies or bounces begin. Only a weak signal: people
 * write "Out of office party" too. Two named signals, so that a tie takes the class of the subject.
 */
final class WeakSubjectSignal implements AutomatedMailRule {

    static final WeakSubjectSignal AUTO_REPLY = new WeakSubjectSignal("auto-reply-subject", MailClass.AUTO_REPLY,
            List.of("auto:", "autoreply", "auto-reply", "auto reply", "automatic reply", "auto response",
                    "autoresponse", "out of office", "out of the office",
                    "abwesenheitsnotiz", "automatische antwort", "automatyczna odpowiedź", "réponse automatique",
                    "respuesta automática", "risposta automatica", "automatisch antwoord", "resposta automática",
                    "otomatik yanıt", "автоответ", "автоматический ответ", "رد تلقائي", "رد آلي",
                    "پاسخ خودکار", "خارج از دفتر", "自動応答", "自动回复"));
    static final WeakSubjectSignal BOUNCE = new WeakSubjectSignal("bounce-subject", MailClass.BOUNCE,
            List.of("delivery status notification", "undelivered mail returned", "undeliverable",
                    "mail delivery failed", "mail delivery failure", "returned mail", "failure notice",
                    "delivery failure", "delivery notification", "warning:", "failed delivery", "failure delivery",
                    "mail system error", "message delivery has failed", "unzustellbar", "nicht zustellbar",
                    "non remis", "no se puede entregar", "non recapitabile", "onbestelbaar", "não entregue",
                    "ej levererbart", "niedostarczalne", "nie można dostarczyć", "nedoručitelné", "teslim edilemedi",
                    "не доставлено", "недоставленное сообщение", "غير قابل للتسليم", "تحویل نشد",
                    "پیام تحویل داده نشد", "配信不能", "メッセージを配信できません", "无法投递", "退信"));

    static final List<WeakSubjectSignal> ALL = List.of(AUTO_REPLY, BOUNCE);

    private final String name;
    private final MailClass mailClass;
    private final List<String> prefixes;

    private WeakSubjectSignal(String name, MailClass mailClass, List<String> prefixes) {
        this.name = name;
        this.mailClass = mailClass;
        this.prefixes = prefixes.stream().map(WeakSubjectSignal::normalise).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        String subject = mail.subject() == null ? "" : normalise(mail.subject());
        for (String prefix : prefixes) {
            if (subject.startsWith(prefix)) {
                return Optional.of(Reason.header(name, "Subject", mail.subject()));
            }
        }
        return Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return mailClass;
    }

    // Lower case, composed, without the bidi marks and white space that RTL subjects often start with.
    private static String normalise(String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        int start = 0;
        while (start < composed.length()
                && (Character.isWhitespace(composed.charAt(start)) || isBidiMark(composed.charAt(start)))) {
            start++;
        }
        return composed.substring(start).replace('\u00a0', ' ');
    }

    private static boolean isBidiMark(char c) {
        return c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\ufeff';
    }
}
