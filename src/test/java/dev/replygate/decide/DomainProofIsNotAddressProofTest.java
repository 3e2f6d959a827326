package dev.replygate.decide;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 3: DMARC and DKIM vouch for the From domain, not for the envelope sender. A
 * replayed DKIM-signed mail with a stranger's Return-Path at that domain must get no answer.
 */
class DomainProofIsNotAddressProofTest {

    private static final String OURS = "mx.ours.example";
    private final AnswerAddressPolicy policy = new AnswerAddressPolicy(new SenderAuthentication(List.of(OURS)),
            List.of("support@ours.example"));

    @Test
    void aReplayedDkimSignedMailIsNotAnsweredAtAnotherAddressOfTheDomain() {
        ParsedMail replay = TestMail.from("newsletter@gmail.com").returnPath("victim123@gmail.com")
                .authResults(OURS + "; dkim=pass header.d=gmail.com header.i=@gmail.com;"
                        + " spf=none smtp.mailfrom=victim123@gmail.com; dmarc=pass header.from=gmail.com")
                .build();

        AnswerAddress answer = policy.forUnsignedMail(replay);

        assertThat(answer).isInstanceOfSatisfying(NoAnswer.class,
                no -> assertThat(no.reason().rule()).isEqualTo("unauthenticated:domain-only"));
    }

    @Test
    void spfPassForTheDomainOnlyDoesNotProveTheAddress() {
        ParsedMail mail = TestMail.from("boss@example.net").returnPath("victim@example.net")
                .authResults(OURS + "; spf=pass smtp.mailfrom=example.net").build();

        assertThat(policy.forUnsignedMail(mail)).isInstanceOf(NoAnswer.class);
    }

    @Test
    void spfPassForAnotherAddressOfTheDomainDoesNotProveTheAddress() {
        ParsedMail mail = TestMail.from("boss@example.net").returnPath("victim@example.net")
                .authResults(OURS + "; spf=pass smtp.mailfrom=bounce-1@example.net").build();

        assertThat(policy.forUnsignedMail(mail)).isInstanceOf(NoAnswer.class);
    }

    @Test
    void aPlusTagVariantIsAnotherAddress() {
        ParsedMail mail = TestMail.from("victim@example.net").returnPath("victim+1@example.net")
                .authResults(OURS + "; dmarc=pass header.from=example.net").build();

        assertThat(policy.forUnsignedMail(mail)).isInstanceOf(NoAnswer.class);
    }

    @Test
    void dmarcPassAnswersTheReturnPathWhenItIsTheFromAddress() {
        ParsedMail mail = TestMail.from("Customer@Example.net").returnPath("customer@example.NET")
                .authResults(OURS + "; dmarc=pass header.from=example.net").build();

        assertThat(policy.forUnsignedMail(mail)).isInstanceOf(AnswerTo.class);
    }

    @Test
    void twoFromAddressesAreNoFromAddress() {
        ParsedMail mail = TestMail.from("customer@example.net").sender("other@example.net")
                .authResults(OURS + "; dmarc=pass header.from=example.net").build();

        assertThat(policy.forUnsignedMail(mail)).isInstanceOf(NoAnswer.class);
    }

    @Test
    void spfPassForTheReturnPathItselfAnswersWhateverTheFrom() {
        ParsedMail mail = TestMail.from("boss@example.net").returnPath("bounce-77@example.net")
                .authResults(OURS + "; spf=pass smtp.mailfrom=<Bounce-77@EXAMPLE.net>").build();

        assertThat(policy.forUnsignedMail(mail)).isInstanceOf(AnswerTo.class);
    }
}
