package dev.replygate.classify;

import dev.replygate.parse.MailParser;
import dev.replygate.parse.ParseBench;
import dev.replygate.parse.ParsedMail;
import dev.replygate.parse.UnparseableMailException;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: parses every file under a folder (the bench's gen-messages.py output) once, then classifies them
 * for some rounds as the bench's configuration does, and prints this thread's CPU time per round: all of the
 * classification, and the bounce-text families alone. The digest of the verdicts is equal between two builds
 * that classify every message alike. {@code ClassifyBench DIR ROUNDS}; the parse's cost is {@code ParseBench}'s.
 */
public final class ClassifyBench {

    private ClassifyBench() {
    }

    public static void main(String[] args) throws Exception {
        List<ParsedMail> mails = new ArrayList<>();
        MailParser parser = new MailParser();
        for (byte[] message : ParseBench.messagesIn(Path.of(args[0]))) {
            try {
                mails.add(parser.parse(new ByteArrayInputStream(message)));
            } catch (UnparseableMailException e) {
                // quarantined before classification in the service too
            }
        }
        ClassifyContext context = ClassifyContext.builder().ourDomain("support.example.com").loopToken("bench")
                .subjectPattern(SubjectPattern.of("bench", "\\[Ticket #(?<ticket>\\d+)\\]")).build();
        Classifier classifier = new Classifier(TicketSignatures.NONE);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long digest = 0;
        for (int round = 1; round <= Integer.parseInt(args[1]); round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (ParsedMail mail : mails) {
                Verdict verdict = classifier.classify(mail, context);
                digest = 31 * digest + (verdict.mailClass() + " " + verdict.ruleNames()).hashCode();
            }
            long classified = threads.getCurrentThreadCpuTime();
            int bounces = 0;
            for (ParsedMail mail : mails) {
                for (BounceTextRule family : BounceTextRule.ALL) {
                    bounces += family.test(mail, context).isPresent() ? 1 : 0;
                }
            }
            long families = threads.getCurrentThreadCpuTime() - classified;
            System.out.printf("round %d: %d messages, %.1f ms CPU to classify them; the bounce-text families %.1f ms"
                    + " (%d found)%n", round, mails.size(), (classified - start) / 1e6, families / 1e6, bounces);
        }
        System.out.println("digest of the verdicts " + Long.toHexString(digest));
    }
}
