package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Header evidence too weak to decide alone, which breaks a tie together with a weak subject:
 * <ul>
 *   <li>{@code other-precedence}: a {@code Precedence}/{@code X-Precedence} of any other value
 *       ({@code first-class}, {@code special-delivery}, …);</li>
 *   <li>{@code other-x-loop}: an {@code X-Loop} that is not {@code yes}, {@code true} or ours
 *       (procmail lists put their address there);</li>
 *   <li>{@code bounce-return-path}: a Return-Path other than every From address whose local part
 *       is a bounce address ({@code bounce}, {@code bounces-…}) or VERP-encodes a recipient
 *       ({@code list-bounces+user=example.com}), as bulk and list senders use;</li>
 *   <li>{@code return-path-missing}: no Return-Path header at all. Bounces and robots often come without
 *       one when saved or appended, but so does every message on a server whose delivery agent does not
 *       write it, and every message a mail program saved or a script appended.</li>
 * </ul>
 */
final class WeakHeaderSignal implements AutomatedMailRule {

    private static final Pattern BOUNCE_LOCAL_PART = Pattern.compile(
            "(?i).*bounce.*|.*[-+][^@=+]+=[a-z0-9-]+(\\.[a-z0-9-]+)+");

    private enum Kind { OTHER_PRECEDENCE, OTHER_X_LOOP, BOUNCE_RETURN_PATH, RETURN_PATH_MISSING }

    static final WeakHeaderSignal OTHER_PRECEDENCE = new WeakHeaderSignal("other-precedence", Kind.OTHER_PRECEDENCE);
    static final WeakHeaderSignal OTHER_X_LOOP = new WeakHeaderSignal("other-x-loop", Kind.OTHER_X_LOOP);
    static final WeakHeaderSignal BOUNCE_RETURN_PATH = new WeakHeaderSignal("bounce-return-path",
            Kind.BOUNCE_RETURN_PATH);
    static final WeakHeaderSignal RETURN_PATH_MISSING = new WeakHeaderSignal("return-path-missing",
            Kind.RETURN_PATH_MISSING);

    static final List<WeakHeaderSignal> ALL = List.of(OTHER_PRECEDENCE, OTHER_X_LOOP, BOUNCE_RETURN_PATH,
            RETURN_PATH_MISSING);

    private final String name;
    private final Kind kind;

    private WeakHeaderSignal(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        return switch (kind) {
            case OTHER_PRECEDENCE -> otherPrecedence(mail);
            case OTHER_X_LOOP -> otherXLoop(mail, ctx);
            case BOUNCE_RETURN_PATH -> bounceReturnPath(mail);
            case RETURN_PATH_MISSING -> mail.returnPath() != null || mail.hasHeader(NullReturnPathRule.HEADER)
                    ? Optional.empty() : Optional.of(Reason.header(name, NullReturnPathRule.HEADER, "(missing)"));
        };
    }

    private Optional<Reason> otherPrecedence(ParsedMail mail) {
        for (String header : PrecedenceRule.HEADERS) {
            for (String value : mail.headers(header)) {
                if (!PrecedenceRule.isAutomaticValue(value)) {
                    return Optional.of(Reason.header(name, header, value));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Reason> otherXLoop(ParsedMail mail, ClassifyContext ctx) {
        for (String value : mail.headers(XLoopRule.HEADER)) {
            if (!XLoopRule.isLoop(value, ctx)) {
                return Optional.of(Reason.header(name, XLoopRule.HEADER, value));
            }
        }
        return Optional.empty();
    }

    private Optional<Reason> bounceReturnPath(ParsedMail mail) {
        String returnPath = mail.returnPath();
        if (returnPath == null || returnPath.isBlank()) {
            return Optional.empty();
        }
        String original = SrsAddresses.decode(returnPath.strip());
        int at = original.lastIndexOf('@');
        String localPart = at < 0 ? original : original.substring(0, at);
        if (!BOUNCE_LOCAL_PART.matcher(localPart).matches() || isFromAddress(mail, original)) {
            return Optional.empty();
        }
        return Optional.of(Reason.header(name, "Return-Path", returnPath));
    }

    private static boolean isFromAddress(ParsedMail mail, String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        return mail.from() != null && mail.from().stream()
                .anyMatch(box -> box != null && box.address() != null && box.address().toLowerCase(Locale.ROOT).equals(wanted));
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.AUTO_REPLY;
    }
}
