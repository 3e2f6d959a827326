package dev.replygate.parse;

import dev.replygate.testsupport.Corpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mail of the shared corpus either parses or is refused with a reason: never another
 * exception. Prints how many of each.
 */
class CorpusParseTest {

    private static final Set<String> NOT_MAIL = Set.of("LICENSE", "README.md", "labels.tsv", "NOTICE.txt",
            "LICENSE.txt", "NOTICE");

    private final MailParser parser = new MailParser();

    @Test
    void sisimaiBouncesAndReplies() throws IOException {
        Outcome outcome = parseAll(mails("sisimai-set-of-emails", path -> true));

        assertThat(outcome.parsed).isGreaterThan(500);
        // a few bounces in the corpus are broken MIME (a boundary that does not match): no status part to find
        assertThat(outcome.dsnsWithoutStatus).as("delivery-status reports without their status part")
                .hasSizeLessThan(outcome.dsns / 20);
    }

    @Test
    void mime4jFixtures() throws IOException {
        Outcome outcome = parseAll(mails("james-mime4j", path -> path.toString().endsWith(".msg")));

        assertThat(outcome.parsed).isGreaterThan(60);
    }

    @Test
    void spamscopeMails() throws IOException {
        Outcome outcome = parseAll(mails("spamscope-mail-parser", path -> true));

        assertThat(outcome.parsed).isGreaterThan(15);
    }

    private List<Path> mails(String folder, java.util.function.Predicate<Path> wanted) throws IOException {
        try (Stream<Path> files = Files.walk(Corpus.root().resolve(folder))) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> !NOT_MAIL.contains(path.getFileName().toString()))
                    .filter(wanted)
                    .sorted()
                    .toList();
        }
    }

    private Outcome parseAll(List<Path> files) throws IOException {
        assertThat(files).isNotEmpty();
        Outcome outcome = new Outcome();
        long start = System.nanoTime();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                ParsedMail mail = parser.parse(in);
                outcome.parsed++;
                if (!mail.problems().isEmpty()) {
                    outcome.withProblems++;
                }
                if ("multipart/report".equals(mail.mimeType()) && "delivery-status".equals(mail.reportType())) {
                    outcome.dsns++;
                    if (mail.deliveryStatus().isEmpty()) {
                        outcome.dsnsWithoutStatus.add(file.toString());
                    }
                }
                assertThat(mail.size()).as(file.toString()).isEqualTo(Files.size(file));
                assertThat(mail.problems()).as(file.toString())
                        .noneSatisfy(problem -> assertThat(problem).contains("parser failure"));
            } catch (UnparseableMailException e) {
                outcome.unparseable++;
                assertThat(e.getMessage()).as(file.toString()).isNotBlank();
                assertThat(e.getCause()).as(file + ": a parser failure, not bad input")
                        .isNotInstanceOf(RuntimeException.class);
                System.out.println("unparseable " + file + ": " + e.getMessage());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%d files: %d parsed (%d with problems), %d unparseable, in %d ms;"
                        + " %d delivery-status reports, %d of them without a status part%n",
                files.size(), outcome.parsed, outcome.withProblems, outcome.unparseable, millis,
                outcome.dsns, outcome.dsnsWithoutStatus.size());
        return outcome;
    }

    private static final class Outcome {
        int parsed;
        int withProblems;
        int unparseable;
        int dsns;
        final List<String> dsnsWithoutStatus = new ArrayList<>();
    }
}
