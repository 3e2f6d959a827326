package dev.replygate.classify;

import dev.replygate.decide.AnswerAddress;
import dev.replygate.decide.AnswerAddressPolicy;
import dev.replygate.decide.AnswerTo;
import dev.replygate.decide.SenderAuthentication;
import dev.replygate.parse.ParsedMail;
import dev.replygate.testsupport.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant of AUTOMATIC-MAIL.md over real mail, twice: with the messages as they are, and with the
 * Return-Path removed from every one (as a mail program saves them, a script appends them, or a server
 * whose delivery agent writes none delivers them). In both runs no automatic message of the sisimai
 * corpus would be answered, even were its sender authenticated; at least 99 % of them are recognised as
 * automatic; the two plain personal mails of {@code maildir/not} stay {@code new}. The other corpora
 * classify without an exception. Counts and every miss are printed.
 *
 * <p>The misses today are the three bounces a person forwarded with Apple Mail ("Fwd: Returned mail",
 * the bounce quoted with {@code > }), which sisimai reads as the bounce they quote: for replygate they
 * are a person's mail, and without a Return-Path nothing answers them.
 */
class ClassifierCorpusTest {

    private static final Set<String> PERSONAL_MAILS = Set.of("maildir/not/is-not-bounce-01.eml",
            "maildir/not/is-not-bounce-02.eml");
    private static final double RECOGNISED_AT_LEAST = 0.99;

    /** How the messages are fed to the classifier. */
    enum Run {
        AS_IS(UnaryOperator.identity()),
        WITHOUT_RETURN_PATH(WithoutReturnPath::of);

        private final UnaryOperator<byte[]> bytes;

        Run(UnaryOperator<byte[]> bytes) {
            this.bytes = bytes;
        }
    }

    // the production parser, dev.replygate.parse.MailParser, as RealParser calls it
    private final Function<InputStream, ParsedMail> parser = new RealParser();
    private final Classifier classifier = new Classifier(TicketSignatures.NONE);
    private final ClassifyContext ctx = ClassifyContext.builder()
            .ourDomain("replygate.test").ourAddress("support@replygate.test").loopToken("replygate-test").build();
    private final AnswerAddressPolicy answers = new AnswerAddressPolicy(new SenderAuthentication(List.of()),
            List.of("support@replygate.test"));

    @ParameterizedTest
    @EnumSource(Run.class)
    void noAutomaticMessageOfTheBounceCorpusIsAnsweredAndThePersonalOnesStayNew(Run run) {
        Path root = Corpus.root().resolve("sisimai-set-of-emails");
        Map<MailClass, Integer> counts = new EnumMap<>(MailClass.class);
        List<String> misses = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        List<String> wrongPersonal = new ArrayList<>();
        int automatic = 0;
        for (CorpusMessages.Message message : CorpusMessages.messages(root)) {
            Classified classified = classify(message, run);
            Verdict verdict = classified.verdict();
            counts.merge(verdict.mailClass(), 1, Integer::sum);
            String line = message.name() + " -> " + verdict.mailClass() + " " + verdict.reasons()
                    + " weak " + verdict.weakSignals();
            if (message.name().startsWith("maildir/not/")) {
                System.out.println("  " + line);
            }
            if (PERSONAL_MAILS.contains(message.name())) {
                if (verdict.mailClass() != MailClass.NEW) {
                    wrongPersonal.add(line);
                }
                continue;
            }
            automatic++;
            if (verdict.mailClass().human()) {
                misses.add(line);
                if (wouldBeAnswered(classified)) {
                    answered.add(line);
                }
            }
        }
        double recognised = automatic == 0 ? 0 : (automatic - misses.size()) / (double) automatic;
        String summary = String.format("sisimai-set-of-emails %s: %s; automatic recognised %d of %d (%.2f %%)%s",
                run, counts, automatic - misses.size(), automatic, 100 * recognised,
                misses.isEmpty() ? "" : "; missed:\n  " + String.join("\n  ", misses));
        System.out.println(summary);

        assertThat(answered).as("automatic messages that would be answered (%s)", run).isEmpty();
        assertThat(wrongPersonal).as("personal mails not classified new (%s)", run).isEmpty();
        assertThat(recognised).as(summary).isGreaterThanOrEqualTo(RECOGNISED_AT_LEAST);
        assertThat(automatic).as("messages read").isGreaterThan(500);
    }

    @Test
    void everyMessageOfTheParserCorporaIsClassifiedWithoutAnException() {
        Path root = Corpus.root();
        for (String corpus : List.of("spamscope-mail-parser", "james-mime4j")) {
            Map<MailClass, Integer> counts = new EnumMap<>(MailClass.class);
            for (CorpusMessages.Message message : CorpusMessages.messages(root.resolve(corpus))) {
                if (corpus.equals("james-mime4j") && !message.name().endsWith(".msg")) {
                    continue;
                }
                counts.merge(classify(message, Run.AS_IS).verdict().mailClass(), 1, Integer::sum);
            }
            System.out.println(corpus + ": " + counts);
            assertThat(counts).as(corpus).isNotEmpty();
        }
    }

    private record Classified(ParsedMail mail, Verdict verdict) {
    }

    // The worst case: as if our receiving server had authenticated every sender (or the message were signed).
    private boolean wouldBeAnswered(Classified classified) {
        if (classified.mail() == null || !classified.verdict().mailClass().human()) {
            return false;
        }
        if (classified.verdict().signed()) {
            return true;
        }
        AnswerAddress address = answers.forUnsignedMail(classified.mail());
        return address instanceof AnswerTo
                || address.reason().rule().startsWith(SenderAuthentication.FAIL_PREFIX);
    }

    private Classified classify(CorpusMessages.Message message, Run run) {
        ParsedMail mail;
        try {
            mail = parser.apply(new ByteArrayInputStream(run.bytes.apply(message.bytes())));
        } catch (RuntimeException e) {
            return new Classified(null, Verdict.unparseable(e.toString()));
        }
        Verdict verdict = classifier.classify(mail, ctx);
        assertThat(verdict.ruleNames()).as("rules of %s", message.name()).doesNotContain(Classifier.RULE_FAILED);
        return new Classified(mail, verdict);
    }
}
