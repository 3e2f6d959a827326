package dev.replygate.classify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 5 (a poison trigger): what an admin's subject pattern captures is a stranger's
 * text. Only a valid ticket id (1 to 64 of {@code A-Z a-z 0-9 _ -}) makes a match; anything else is no
 * match, so it can never reach a column, a rate limit or a link as a ticket id.
 */
class SubjectPatternCapturesOnlyTicketIdsTest {

    private static final SubjectPattern WHMCS = SubjectPattern.of("whmcs", "\\[Ticket ID: (?<ticket>\\d+)\\]");
    private static final SubjectPattern LOOSE = SubjectPattern.of("loose", "\\[Ticket ID: (?<ticket>[^\\]]+)\\]");

    @Test
    void aCaptureLongerThanATicketIdIsNoMatch() {
        assertThat(WHMCS.ticketIn("Re: [Ticket ID: " + "1".repeat(65) + "] hello")).isEmpty();
        assertThat(WHMCS.ticketIn("Re: [Ticket ID: " + "1".repeat(64) + "] hello")).contains("1".repeat(64));
    }

    @Test
    void aCaptureWithCharactersATicketIdCannotHaveIsNoMatch() {
        assertThat(LOOSE.ticketIn("Re: [Ticket ID: ../x]")).isEmpty();
        assertThat(LOOSE.ticketIn("Re: [Ticket ID: 12 34]")).isEmpty();
        assertThat(LOOSE.ticketIn("Re: [Ticket ID: ١٢٣]")).as("Arabic-Indic digits are not ASCII").isEmpty();
        assertThat(LOOSE.ticketIn("Re: [Ticket ID:  ]")).isEmpty();
        assertThat(LOOSE.ticketIn("Re: [Ticket ID:  AB-12_x ]")).contains("AB-12_x");
    }

    @Test
    void aValidTicketAfterAnInvalidCaptureStillMatches() {
        assertThat(LOOSE.ticketIn("[Ticket ID: ../x] Re: [Ticket ID: 4711]")).contains("4711");
    }

    @Test
    void aMessageWhoseOnlyCaptureIsInvalidIsNewMailNotAReply() {
        ClassifyContext context = ClassifyContext.builder().ourDomain("hosting.test").subjectPattern(WHMCS).build();
        Verdict verdict = new Classifier(new FakeSignatures()).classify(ParsedMailBuilder.human()
                .subject("Re: [Ticket ID: " + "9".repeat(100) + "]").build(), context);

        assertThat(verdict.mailClass()).isEqualTo(MailClass.NEW);
        assertThat(verdict.ticketId()).isNull();
    }
}
