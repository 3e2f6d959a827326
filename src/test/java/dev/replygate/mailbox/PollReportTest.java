package dev.replygate.mailbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PollReportTest {

    @Test
    void summarisesARunInOneLine() {
        PollReport report = new PollReport("support", 5, 2, 1, 1, 0, Duration.ofMillis(41), Optional.of("store down"));

        assertThat(report.processed()).isEqualTo(4);
        assertThat(report.failed()).isTrue();
        assertThat(report.summary())
                .isEqualTo("found 5, processed 4 (redirected 2, ignored 1, quarantined 1),"
                        + " stopped early: store down, 41 ms");
    }

    /** It said "found 0, processed 0" when it could not even connect: as if the mailbox were empty. */
    @Test
    void aRunThatFailedBeforeFindingAnythingSaysItDidNotRead() {
        PollReport report = new PollReport("support", 0, 0, 0, 0, 0, Duration.ofMillis(12),
                Optional.of("cannot connect to imap.example.test:993: connection refused"));

        assertThat(report.summary())
                .isEqualTo("not read: cannot connect to imap.example.test:993: connection refused, 12 ms");
    }

    @Test
    void namesTheMessagesLeftForTheNextRun() {
        PollReport report = new PollReport("support", 3, 2, 0, 0, 1, Duration.ofMillis(7), Optional.empty());

        assertThat(report.failed()).isFalse();
        assertThat(report.summary()).isEqualTo("found 3, processed 2 (redirected 2, ignored 0,"
                + " quarantined 0), 1 failed and left for the next run, 7 ms");
    }

    @Test
    void countsEachDispositionAndWhatWasNotNewAfterAll() {
        RunTally tally = new RunTally(() -> false);
        tally.found(4);
        tally.notNew();
        tally.processed(Disposition.IGNORED);
        tally.processed(Disposition.IGNORED);
        tally.processed(Disposition.QUARANTINED);

        PollReport report = tally.report("support", Duration.ZERO, Optional.empty());

        assertThat(report).extracting(PollReport::found, PollReport::redirected, PollReport::ignored,
                PollReport::quarantined, PollReport::failed).containsExactly(3, 0, 2, 1, false);
    }
}
