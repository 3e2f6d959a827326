package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A bounce recognised by its words, whoever sent it: the fixed sentences with which mail systems that
 * write no delivery-status part (qmail, James, Exim, Postfix, Sendmail, Exchange, Notes, MMS and
 * antivirus gateways, providers' own texts) begin their report. Gateways often send these from a real
 * address rather than {@code <>}, so the sender proves nothing either way.
 *
 * <p>Kept tight, because a customer who writes "the delivery failed" must stay a customer: a sentence
 * counts only where it begins a line (a quoted {@code > } line does not) in the first
 * {@link #HEAD} characters of the text before the quoted original, and only as the mail system
 * words it. One named rule per family, so {@code explain} says whose words it saw.
 */
final class BounceTextRule implements AutomatedMailRule {

    /** Only this many characters of the text before the quoted original are read. */
    static final int HEAD = 2000;

    static final BounceTextRule QMAIL = new BounceTextRule("qmail-bounce-text",
            "Hi\\. This is the qmail-send program at",
            "I'm afraid I wasn't able to deliver your message to the following addresses",
            "Sorry, we were unable to deliver your message to the following address",
            "Your mail message to the following address\\(es\\) could not be delivered",
            "Unable to deliver message to the following address\\(es\\)");
    static final BounceTextRule JAMES = new BounceTextRule("james-bounce-text",
            "Hi\\. This is the James mail server at");
    static final BounceTextRule EXIM = new BounceTextRule("exim-bounce-text",
            "This message was created automatically by mail delivery (?:software|system)",
            "A message that you (?:have )?sent could not be delivered to one or more");
    static final BounceTextRule POSTFIX = new BounceTextRule("postfix-bounce-text",
            "This is the (?:Postfix program|mail system) at host",
            "I'm sorry to have to inform you that (?:your message|the message returned below) could not be delivered",
            "Transcript of session follows\\.[ \\t]*$");
    static final BounceTextRule SENDMAIL = new BounceTextRule("sendmail-bounce-text",
            "-+\\s*The following addresses had (?:permanent )?(?:fatal|delivery) errors\\s*-+",
            "-+\\s*Transcript of session follows\\s*-+");
    static final BounceTextRule EXCHANGE = new BounceTextRule("exchange-bounce-text",
            "Your message did not reach some or all of the intended recipients",
            "Delivery has failed to these recipients or groups",
            "did not reach the following recipient\\(s\\)",
            "The following recipient\\(s\\) could not be reached",
            "Your message to \\S+ couldn't be delivered\\.",
            // Exchange in French, German and Spanish: "… these recipients or groups:"
            "[^>\\r\\n]{0,80}(?:ces destinataires ou groupes|(?:diese|folgende) Empfänger oder Gruppen"
                    + "|estos destinatarios o grupos)[ \\t]*:");
    static final BounceTextRule NOTES = new BounceTextRule("notes-bounce-text",
            "-+\\s*Failure Reasons\\s*-+",
            "was not delivered to:[ \\t]*$");
    static final BounceTextRule MMS = new BounceTextRule("mms-bounce-text",
            "Message could not be delivered to mobile",
            "Error: No valid recipients for this MM");
    static final BounceTextRule GATEWAY = new BounceTextRule("gateway-bounce-text",
            "Your message could not be delivered to the following recipients",
            "(?:This is a (?:permanent )?)?Delivery failure notification\\.?[ \\t]*$",
            // bilingual French gateways name it within the line: "Votre message à … : non remis (delivery failed)"
            "[^>\\r\\n]{0,80}non remis \\(delivery failed\\)",
            "Unable to deliver message to:\\s*<",
            "Delivery failed for the following reason:",
            "This Delivery Status Notification is sent from MTA",
            "Your delivery to the following address has been failed",
            "Sent <<< RCPT TO:",
            "このメールは「m-FILTER」が自動的に生成して送信しています");
    static final BounceTextRule PROVIDER = new BounceTextRule("provider-bounce-text",
            "This is an automatically generated Delivery Status Notification",
            "Delivery to the following recipients? (?:failed permanently|has been delayed)",
            "Your message wasn't delivered to \\S+ because",
            "An error occurred while trying to deliver the mail to the following recipients",
            "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail",
            "This is the DragonFly Mail Agent",
            "There was an error delivering your mail to",
            "Each of the following recipients was rejected by a remote mail server",
            "The user\\(s\\) account is disabled\\.",
            "Could not be delivered to:\\s*<",
            "Body of message generated response:",
            "(?:Unknown user|Invalid final delivery userid): \\S+@\\S+[ \\t]*$");

    static final List<BounceTextRule> ALL = List.of(QMAIL, JAMES, EXIM, POSTFIX, SENDMAIL, EXCHANGE, NOTES, MMS,
            GATEWAY, PROVIDER);

    /** Every family's sentences: a text that begins no line with any of them is read once, not once per family. */
    private static final Pattern ANY = beginningALine(ALL.stream().map(rule -> rule.alternatives)
            .collect(Collectors.joining("|")));
    /**
     * The head of the mail the rules of this thread read last. The classifier runs the families one after the
     * other on one mail; the mail is a record that never changes, so it is known again by identity.
     */
    private static final ThreadLocal<Head> LAST = new ThreadLocal<>();

    private final String name;
    /** The sentences as alternatives of one pattern; their words may wrap onto the next line. */
    private final String alternatives;
    private final Pattern sentences;

    private BounceTextRule(String name, String... sentences) {
        this.name = name;
        this.alternatives = String.join("|", sentences).replace(" ", "\\s+");
        this.sentences = beginningALine(alternatives);
    }

    /** The alternatives where they begin a line, after blanks. */
    private static Pattern beginningALine(String alternatives) {
        return Pattern.compile("^[ \\t]*(?:" + alternatives + ")",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        Head head = Head.of(mail);
        if (!head.anyFamily()) {
            return Optional.empty();
        }
        Matcher matcher = sentences.matcher(head.text());
        return matcher.find() ? Optional.of(new Reason(name, matcher.group().strip())) : Optional.empty();
    }

    /** What the rules read of a mail, and whether any family's sentence begins a line of it. */
    private record Head(WeakReference<ParsedMail> mail, String text, boolean anyFamily) {

        static Head of(ParsedMail mail) {
            Head last = LAST.get();
            if (last != null && last.mail().get() == mail) {
                return last;
            }
            String text = TextBounce.beforeOriginal(mail);
            String head = text.length() > HEAD ? text.substring(0, HEAD) : text;
            Head read = new Head(new WeakReference<>(mail), head, ANY.matcher(head).find());
            LAST.set(read);
            return read;
        }
    }

    /** This family's sentences, each where it begins a line. */
    Pattern sentences() {
        return sentences;
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.BOUNCE;
    }
}
