package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/**
 * One named check that recognises automatic mail. A rule looks at one kind of evidence, says what
 * it saw in its {@link Reason}, and names the class that evidence implies. Rules never throw on
 * odd input: every header value may be anything.
 */
public interface AutomatedMailRule {

    /** The rule's name as {@code explain} prints it, e.g. {@code auto-submitted}. */
    String name();

    /** The evidence this rule found in {@code mail}, or empty. */
    Optional<Reason> test(ParsedMail mail, ClassifyContext ctx);

    /** The class the evidence in {@code reason} (as returned by {@link #test}) implies. */
    MailClass mailClass(Reason reason);
}
