package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import dev.replygate.testsupport.Corpus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant of AUTOMATIC-MAIL.md over real mail: every message of the sisimai corpus is automatic
 * (never {@code reply} or {@code new}) except the two plain personal mails of {@code maildir/not},
 * which are {@code new}; the other corpora classify without an exception.
 */
class ClassifierCorpusTest {

    private static final Set<String> PERSONAL_MAILS = Set.of("maildir/not/is-not-bounce-01.eml",
            "maildir/not/is-not-bounce-02.eml");
    private static final Set<String> NOT_MESSAGES = Set.of("LICENSE", "LICENSE.txt", "NOTICE", "NOTICE.txt",
            "README.md", "labels.tsv");

    // the production parser, dev.replygate.parse.MailParser, as RealParser calls it
    private final Function<InputStream, ParsedMail> parser = new RealParser();
    private final Classifier classifier = new Classifier(TicketSignatures.NONE);
    private final ClassifyContext ctx = ClassifyContext.builder()
            .ourDomain("replygate.test").ourAddress("support@replygate.test").loopToken("replygate-test").build();

    @Test
    void noMessageOfTheBounceCorpusIsTakenForHumanMailExceptThePersonalOnes() {
        Path root = Corpus.root().resolve("sisimai-set-of-emails");
        Map<MailClass, Integer> counts = new EnumMap<>(MailClass.class);
        List<String> wrong = new ArrayList<>();
        for (CorpusMessages.Message message : messages(root)) {
            Verdict verdict = classify(message);
            counts.merge(verdict.mailClass(), 1, Integer::sum);
            boolean personal = PERSONAL_MAILS.contains(message.name());
            if (message.name().startsWith("maildir/not/")) {
                System.out.println("  " + message.name() + " -> " + verdict.mailClass() + " " + verdict.reasons()
                        + " weak " + verdict.weakSignals());
            }
            if (personal && verdict.mailClass() != MailClass.NEW) {
                wrong.add(message.name() + " is a personal mail but classified " + verdict.mailClass() + " " + verdict.reasons());
            }
            if (!personal && verdict.mailClass().human()) {
                wrong.add(message.name() + " is automatic mail but classified " + verdict.mailClass());
            }
        }
        System.out.println("sisimai-set-of-emails: " + counts);
        assertThat(wrong).as("misclassified messages").isEmpty();
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as("messages read").isGreaterThan(500);
    }

    @Test
    void everyMessageOfTheParserCorporaIsClassifiedWithoutAnException() {
        Path root = Corpus.root();
        for (String corpus : List.of("spamscope-mail-parser", "james-mime4j")) {
            Map<MailClass, Integer> counts = new EnumMap<>(MailClass.class);
            for (CorpusMessages.Message message : messages(root.resolve(corpus))) {
                if (corpus.equals("james-mime4j") && !message.name().endsWith(".msg")) {
                    continue;
                }
                counts.merge(classify(message).mailClass(), 1, Integer::sum);
            }
            System.out.println(corpus + ": " + counts);
            assertThat(counts).as(corpus).isNotEmpty();
        }
    }

    private Verdict classify(CorpusMessages.Message message) {
        ParsedMail mail;
        try {
            mail = parser.apply(new ByteArrayInputStream(message.bytes()));
        } catch (RuntimeException e) {
            return Verdict.unparseable(e.toString());
        }
        Verdict verdict = classifier.classify(mail, ctx);
        assertThat(verdict.ruleNames()).as("rules of %s", message.name()).doesNotContain(Classifier.RULE_FAILED);
        return verdict;
    }

    private static List<CorpusMessages.Message> messages(Path folder) {
        List<CorpusMessages.Message> out = new ArrayList<>();
        for (Path file : CorpusMessages.files(folder)) {
            String name = folder.relativize(file).toString().replace('\\', '/');
            if (NOT_MESSAGES.contains(file.getFileName().toString())) {
                continue;
            }
            byte[] bytes = CorpusMessages.read(file);
            if (name.startsWith("mailbox/")) {
                out.addAll(CorpusMessages.mbox(name, bytes));
            } else {
                out.add(new CorpusMessages.Message(name, bytes));
            }
        }
        return out;
    }
}
