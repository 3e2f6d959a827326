package dev.replygate.mailbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A refused body counts against its message only when the server serves another message of the run; a server
 * that serves none of them, or a run with no other message, is an outage.
 */
class RefusalWitnessesTest {

    private final List<List<Integer>> asked = new ArrayList<>();

    @Test
    void aRefusalIsTheMessagesOwnWhenTheServerServesAnotherMessage() throws IOException {
        RefusalWitnesses<Integer> witnesses = witnesses(List.of(1, 2, 3, 4), Set.of(3));
        witnesses.served(1);
        BodyRefused refusal = new BodyRefused("the server refused the body of message 2");

        assertThat(witnesses.judged(2, refusal)).isSameAs(refusal);
        assertThat(asked).as("the last one served first, then the newest, then the next ones, then those before")
                .containsExactly(List.of(1, 4, 3));
    }

    @Test
    void aServerThatServesNoneOfTheOthersIsAnOutageNamingItsRefusal() throws IOException {
        RefusalWitnesses<Integer> witnesses = witnesses(List.of(1, 2, 3, 4), Set.of());

        IOException failure = witnesses.judged(3, new BodyRefused("the server refused the body of message 3: -ERR"));

        assertThat(failure).isInstanceOf(ServerRefusesBodies.class).isNotInstanceOf(BodyRefused.class)
                .hasMessage("the server refuses message bodies, not this message's alone: the server refused the"
                        + " body of message 3: -ERR; and it served none of message 4, message 2, message 1 either");
    }

    @Test
    void aRunWithNoOtherMessageCannotTellAndCountsNothingAgainstTheMessage() throws IOException {
        RefusalWitnesses<Integer> witnesses = witnesses(List.of(7), Set.of(1, 2, 3));

        assertThat(witnesses.judged(7, new BodyRefused("the server refused the body of UID 7 in INBOX")))
                .isInstanceOf(ServerRefusesBodies.class)
                .hasMessage("cannot tell whether the server or the message is at fault: the server refused the body"
                        + " of UID 7 in INBOX; no other message to compare with: nothing is counted against it, and"
                        + " it is read again at the next run (another message, once there, tells)");
        assertThat(asked).as("nobody to ask").isEmpty();
    }

    @Test
    void messagesRefusedBeforeInTheRunAreNotAskedAndEachRefusalAsksBoundedly() throws IOException {
        List<Integer> run = IntStream.rangeClosed(1, 1000).boxed().toList();
        Set<Integer> odd = Set.copyOf(run.stream().filter(n -> n % 2 == 1).toList());
        RefusalWitnesses<Integer> witnesses = witnesses(run, odd);
        BodyRefused refusal = new BodyRefused("refused");

        for (int n : run) {
            if (odd.contains(n)) {
                witnesses.served(n);
            } else {
                assertThat(witnesses.judged(n, refusal)).as("message %d", n).isSameAs(refusal);
            }
        }

        assertThat(asked).hasSize(500)
                .allSatisfy(one -> assertThat(one).hasSizeLessThanOrEqualTo(RefusalWitnesses.MAX_ASKED));
        assertThat(asked.get(250)).as("message 502: the last served, the newest, then at growing distances")
                .containsExactly(501, 1000, 503, 504, 506, 510, 518, 534);
        assertThat(asked.get(499)).as("message 1000: none of those refused already")
                .containsExactly(999, 997, 995, 993, 991, 989, 987, 985);
    }

    /**
     * A stranger's messages the server cannot serve, more in a row than one probe asks, at the head of a run: the
     * messages after them, which it serves, tell; the run does not stop at the first of them every time.
     */
    @Test
    void aRowOfRefusedMessagesLongerThanAProbeAtTheHeadOfARunIsStillTheMessagesOwn() throws IOException {
        List<Integer> run = IntStream.rangeClosed(1, 40).boxed().toList();
        BodyRefused refusal = new BodyRefused("refused");

        assertThat(witnesses(run, Set.of(21)).judged(1, refusal)).as("the 20 after it refused too").isSameAs(refusal);
        assertThat(asked).as("a first probe, then a second with the nearest others").hasSize(2);
        assertThat(asked.get(0)).containsExactly(40, 2, 3, 5, 9, 17, 33, 4);
        assertThat(asked.get(1)).as("every other message of the run: fewer than the bound").contains(21).hasSize(31)
                .doesNotContainAnyElementsOf(asked.get(0));

        asked.clear();
        assertThat(witnesses(run, Set.of(40)).judged(1, refusal)).as("the newest served").isSameAs(refusal);
        assertThat(asked).as("one probe").hasSize(1);
    }

    @Test
    void aServerRefusingEveryBodyOfALongRunIsAskedTwiceAndTheFailureNamesAFew() throws IOException {
        List<Integer> run = IntStream.rangeClosed(1, 200).boxed().toList();

        IOException failure = witnesses(run, Set.of()).judged(1, new BodyRefused("refused"));

        assertThat(failure).isInstanceOf(ServerRefusesBodies.class).hasMessage("the server refuses message bodies,"
                + " not this message's alone: refused; and it served none of message 200, message 2, message 3,"
                + " message 5, message 9, message 17, message 33, message 65 and 56 more either");
        assertThat(asked).hasSize(2);
    }

    @Test
    void aProbeThatLosesTheConnectionIsAnOutageAsIs() {
        RefusalWitnesses<Integer> witnesses = new RefusalWitnesses<>(List.of(1, 2), "message ", others -> {
            throw new IOException("connection reset");
        });

        assertThatThrownBy(() -> witnesses.judged(1, new BodyRefused("refused")))
                .isInstanceOf(IOException.class).isNotInstanceOf(BodyRefused.class).hasMessage("connection reset");
    }

    /** Witnesses over {@code run} whose server serves the bodies of {@code serving} alone. */
    private RefusalWitnesses<Integer> witnesses(List<Integer> run, Set<Integer> serving) {
        return new RefusalWitnesses<>(run, "message ", others -> {
            asked.add(List.copyOf(others));
            return others.stream().anyMatch(serving::contains);
        });
    }
}
