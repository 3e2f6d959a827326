package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import dev.replygate.testsupport.Corpus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over every {@code dsn-bounce} of the sisimai corpus: the parser finds as many failed recipients as
 * the label says, each a plausible address (not the bounce's own sender or recipient), with the
 * label's hard/soft flag.
 */
class DeliveryStatusCorpusTest {

    /** Below this share of labelled bounces read right, the test fails. */
    private static final double REQUIRED_HIT_RATE = 0.90;

    private final Function<java.io.InputStream, ParsedMail> parser = new RealParser();
    private final DeliveryStatusParser dsn = new DeliveryStatusParser(TicketSignatures.NONE);

    @Test
    void readsTheFailedRecipientsAndTheirSeverityOfLabelledBounces() {
        Path sisimai = Corpus.root().resolve("sisimai-set-of-emails");
        List<SisimaiLabels> bounces = SisimaiLabels.read(sisimai).stream()
                .filter(row -> row.category().equals("dsn-bounce")).toList();
        List<String> misses = new ArrayList<>();
        int recipientHits = 0;
        for (SisimaiLabels row : bounces) {
            ParsedMail mail = parser.apply(new ByteArrayInputStream(CorpusMessages.read(sisimai.resolve(row.file()))));
            List<RecipientStatus> failures = dsn.parse(mail).map(DeliveryReport::failures).orElse(List.of());
            String problem = compare(row, mail, failures);
            if (problem == null) {
                continue;
            }
            if (!problem.startsWith("recipients")) {
                recipientHits++;
            }
            misses.add(row.file() + ": " + problem);
        }
        recipientHits += bounces.size() - misses.size();
        double rate = (double) (bounces.size() - misses.size()) / bounces.size();
        System.out.printf(Locale.ROOT, "DSN hit rate: %d/%d = %.1f%% (recipients right: %d)%n",
                bounces.size() - misses.size(), bounces.size(), 100 * rate, recipientHits);
        misses.forEach(miss -> System.out.println("  miss " + miss));
        assertThat(rate).as("share of labelled bounces read right; misses:%n%s", String.join("\n", misses))
                .isGreaterThanOrEqualTo(REQUIRED_HIT_RATE);
    }

    /** Null when the parse matches the label, else what differs. */
    private static String compare(SisimaiLabels row, ParsedMail mail, List<RecipientStatus> failures) {
        if (failures.size() != row.recipients()) {
            return "recipients: expected " + row.recipients() + ", found " + describe(failures);
        }
        for (RecipientStatus failure : failures) {
            if (isBounceParticipant(mail, failure.recipient())) {
                return "recipients: " + failure.recipient() + " is the bounce's own sender or recipient";
            }
        }
        List<Boolean> expected = row.expected().stream().map(SisimaiLabels.Expected::hard).sorted().toList();
        List<Boolean> actual = failures.stream().map(RecipientStatus::hard).sorted().toList();
        if (!expected.equals(actual)) {
            return "hard/soft: expected " + row.expected() + ", found " + describe(failures);
        }
        return null;
    }

    private static boolean isBounceParticipant(ParsedMail mail, String address) {
        return mail.from().stream().anyMatch(box -> box.address().equalsIgnoreCase(address));
    }

    private static String describe(List<RecipientStatus> failures) {
        return failures.stream().map(f -> f.recipient() + " " + f.action() + " " + f.status() + (f.hard() ? " hard" : " soft")
                + " [" + f.diagnostic().replaceAll("\\s+", " ").substring(0, Math.min(100, f.diagnostic().replaceAll("\\s+", " ").length())) + "]").toList().toString();
    }
}
