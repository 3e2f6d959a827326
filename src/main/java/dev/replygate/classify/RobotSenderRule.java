package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 3834 §2, RFC 5230 §4.6: a sender (From, Sender or Return-Path, with SRS undone) whose local
 * part names a robot. Four named rules, one per kind of robot, so that the class follows the kind.
 */
final class RobotSenderRule implements AutomatedMailRule {

    static final RobotSenderRule MAIL_SYSTEM = new RobotSenderRule("mail-system-sender",
            "mailer[-_]?daemon|postmaster", MailClass.BOUNCE);
    static final RobotSenderRule LIST_MANAGER = new RobotSenderRule("list-manager-sender",
            "listserv|majordomo|owner-.+|.+-request", MailClass.LIST);
    static final RobotSenderRule NO_REPLY = new RobotSenderRule("no-reply-sender",
            "(?:.*[-_.+])?(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply)(?:[-_.+].*)?", MailClass.BULK);
    static final RobotSenderRule OTHER_ROBOT = new RobotSenderRule("robot-sender",
            "root|mailer|.+-relay", MailClass.AUTO_REPLY);

    static final List<RobotSenderRule> ALL = List.of(MAIL_SYSTEM, LIST_MANAGER, NO_REPLY, OTHER_ROBOT);

    private final String name;
    private final Pattern localPart;
    private final MailClass mailClass;

    private RobotSenderRule(String name, String localPartRegex, MailClass mailClass) {
        this.name = name;
        this.localPart = Pattern.compile(localPartRegex);
        this.mailClass = mailClass;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        for (SenderAddress sender : SenderAddress.of(mail)) {
            if (localPart.matcher(sender.localPart()).matches()) {
                return Optional.of(new Reason(name, sender.describe()));
            }
        }
        return Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return mailClass;
    }
}
