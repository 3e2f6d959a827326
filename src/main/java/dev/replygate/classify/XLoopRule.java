package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/**
 * {@code X-Loop: yes} or {@code true} (Zammad, RT), or carrying our own loop token. Other values
 * (procmail lists write their address) are only a weak signal ({@link WeakHeaderSignal}).
 */
final class XLoopRule implements AutomatedMailRule {

    static final String NAME = "x-loop";
    static final String HEADER = "X-Loop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        for (String value : mail.headers(HEADER)) {
            if (isLoop(value, ctx)) {
                return Optional.of(Reason.header(NAME, HEADER, value));
            }
        }
        return Optional.empty();
    }

    static boolean isLoop(String value, ClassifyContext ctx) {
        String bare = HeaderValues.withoutComments(value);
        return bare.equals("yes") || bare.equals("true")
                || (ctx.loopToken() != null && bare.equalsIgnoreCase(ctx.loopToken()));
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.LOOP;
    }
}
