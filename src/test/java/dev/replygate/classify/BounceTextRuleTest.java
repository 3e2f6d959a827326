package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounce-text families read a mail's head once and test their own sentences only when some family's
 * sentence begins a line of it (issue 12): each family still fires exactly when its own sentences do, mail
 * after mail on one thread.
 */
class BounceTextRuleTest {

    private static final ClassifyContext CTX = ClassifyContext.builder().ourDomain("replygate.example").build();

    @Test
    void eachMailIsReadForItself() {
        ParsedMail qmail = ParsedMailBuilder.human().text("Hi. This is the qmail-send program at mx.example.\n")
                .build();
        ParsedMail customer = ParsedMailBuilder.human().text("Hi. The delivery failed, this is the qmail-send"
                + " program at work?\n").build();
        ParsedMail both = ParsedMailBuilder.human().text("Hi. This is the James mail server at a.example\n"
                + "This is the mail system at host b.example.\n").build();

        for (int round = 0; round < 2; round++) {
            assertThat(fired(qmail)).containsExactly("qmail-bounce-text");
            assertThat(fired(customer)).isEmpty();
            assertThat(fired(both)).containsExactly("james-bounce-text", "postfix-bounce-text");
        }
    }

    /**
     * A worker thread that classified a huge mail keeps neither the mail nor more than its head: the next mail
     * it reads, one that is the same text, a sentence past the head, are each read for themselves.
     */
    @Test
    void aThreadKeepsNoMailAliveAndReadsOnlyTheHeadOfAHugeOne() throws InterruptedException {
        String huge = "Thanks!\n" + "x".repeat(BounceTextRule.HEAD) + "\nHi. This is the qmail-send program at a\n"
                + "-".repeat(1_000_000) + "\n";
        ParsedMail mail = ParsedMailBuilder.human().text(huge).build();
        WeakReference<ParsedMail> read = new WeakReference<>(mail);

        assertThat(fired(mail)).as("the sentence lies past the head").isEmpty();
        mail = null;
        for (int i = 0; i < 100 && read.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(read.get()).as("the mail is not kept by the thread that read it").isNull();
        assertThat(fired(ParsedMailBuilder.human().text(huge.substring(8)).build())).isEmpty();
        assertThat(fired(ParsedMailBuilder.human().text("Hi. This is the qmail-send program at a\n").build()))
                .containsExactly("qmail-bounce-text");
    }

    @Property(tries = 300)
    void familiesFireExactlyWhenTheirOwnSentencesBeginALine(@ForAll("texts") String text) {
        ParsedMail mail = ParsedMailBuilder.human().text(text).build();
        for (BounceTextRule rule : BounceTextRule.ALL) {
            assertThat(rule.test(mail, CTX).map(Reason::rule)).isEqualTo(alone(rule, mail));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("Hi. This is the qmail-send program at x\n", "> Hi. This is the James mail server at x\n",
                        "This message was created automatically by mail\n delivery software\n", "Thanks!\n",
                        "Transcript of session follows.\n", "----- Original Message -----\n",
                        "Delivery has failed to these recipients or groups\n", "was not delivered to:  \n",
                        "Received: from x\n", "Sent <<< RCPT TO:<a@b>\n", "  ", "\n", "عدم تحویل\n")
                .list().ofMaxSize(6).map(lines -> String.join("", lines));
    }

    private static List<String> fired(ParsedMail mail) {
        return BounceTextRule.ALL.stream().flatMap(rule -> rule.test(mail, CTX).stream()).map(Reason::rule).toList();
    }

    /** The family's own sentences on the head of the text before the quoted original: what the rule did alone. */
    private static Optional<String> alone(BounceTextRule rule, ParsedMail mail) {
        String text = TextBounce.beforeOriginal(mail);
        Matcher matcher = Pattern.compile(sentencesOf(rule), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
                | Pattern.MULTILINE).matcher(text.length() > BounceTextRule.HEAD ? text.substring(0,
                BounceTextRule.HEAD) : text);
        return matcher.find() ? Optional.of(rule.name()) : Optional.empty();
    }

    private static String sentencesOf(BounceTextRule rule) {
        return rule.sentences().pattern();
    }
}
