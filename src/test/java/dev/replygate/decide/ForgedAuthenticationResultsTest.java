package dev.replygate.decide;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 2: an attacker writes Authentication-Results headers with our authserv-id below
 * our receiving server's own. Only the topmost block counts as a pass; a trusted failure anywhere vetoes.
 */
class ForgedAuthenticationResultsTest {

    private static final String OURS = "mx1.example.com";
    private static final String SENDER = "victim@bank.example";

    /** Dovecot's LMTP adds one Received line of our own above the MX's results. */
    private final SenderAuthentication authentication = new SenderAuthentication(List.of(OURS), 1);

    /** As Postfix with OpenDMARC and Dovecot's LMTP deliver it: our trace lines, our A-R, our MX's Received. */
    private static TestMail delivered(String ourResults) {
        return TestMail.empty().sender(SENDER).returnPath(SENDER).to("support@ours.example")
                .header("Return-Path", "<" + SENDER + ">")
                .header("Delivered-To", "support@ours.example")
                .header("Received", "from mx1.example.com by imap.example.com with LMTP")
                .authResults(ourResults)
                .header("Received", "from attacker.test (attacker.test [192.0.2.66]) by mx1.example.com with ESMTP");
    }

    @Test
    void aForgedTrustedPassBelowOurReceivedLineDoesNotBeatOurFail() {
        ParsedMail mail = delivered(OURS + "; spf=fail smtp.mailfrom=" + SENDER + "; dmarc=none header.from=bank.example")
                .header("Received", "from forged.test by forged.test")
                .authResults(OURS + "; spf=pass smtp.mailfrom=" + SENDER)
                .header("From", SENDER)
                .build();

        AuthVerdict verdict = authentication.verdict(mail, SENDER);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason().rule()).isEqualTo("unauthenticated:spf-fail");
    }

    @Test
    void aForgedTrustedPassBelowOurReceivedLineIsNotBelievedWhenOursSaysNothing() {
        ParsedMail mail = delivered(OURS + "; spf=none smtp.mailfrom=" + SENDER + "; dmarc=none header.from=bank.example")
                .authResults(OURS + "; spf=pass smtp.mailfrom=" + SENDER + "; dmarc=pass header.from=bank.example")
                .header("From", SENDER)
                .build();

        AuthVerdict verdict = authentication.verdict(mail, SENDER);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason().rule()).isEqualTo("unauthenticated:no-aligned-pass");
        assertThat(verdict.reason().value()).contains("1 trusted header(s) not believed");
    }

    @Test
    void aForgedPassAtTheBottomOfTheHeaderIsNotBelieved() {
        ParsedMail mail = delivered(OURS + "; dkim=none; spf=neutral smtp.mailfrom=" + SENDER)
                .header("From", SENDER)
                .header("Subject", "Re: your ticket")
                .authResults(OURS + "; dmarc=pass header.from=bank.example")
                .build();

        assertThat(authentication.authenticated(mail, SENDER)).isEmpty();
    }

    @Test
    void aTrustedSpfFailForTheSenderVetoesWhereverItStands() {
        ParsedMail mail = delivered(OURS + "; spf=pass smtp.mailfrom=" + SENDER + "; dmarc=pass header.from=bank.example")
                .authResults(OURS + "; spf=softfail smtp.mailfrom=" + SENDER)
                .build();

        assertThat(authentication.verdict(mail, SENDER).reason().rule()).isEqualTo("unauthenticated:spf-fail");
    }

    @Test
    void aTrustedDkimFailForTheSendersDomainVetoesThoughTheFromDomainDiffers() {
        ParsedMail mail = TestMail.from(SENDER)
                .authResults(OURS + "; dkim=fail header.d=bank.example; dmarc=none header.from=elsewhere.test;"
                        + " spf=pass smtp.mailfrom=" + SENDER)
                .build();

        assertThat(authentication.verdict(mail, SENDER).reason().rule()).isEqualTo("unauthenticated:dkim-fail");
    }

    @Test
    void severalTrustedHeadersOfOurBlockAllCount() {
        ParsedMail mail = TestMail.empty().sender(SENDER).returnPath(SENDER).to("support@ours.example")
                .header("Received", "from mx1.example.com by imap.example.com with LMTP")
                .authResults(OURS + "; dkim=none")
                .authResults(OURS + "; spf=pass smtp.mailfrom=" + SENDER)
                .header("Received", "from sender.test by mx1.example.com with ESMTP")
                .build();

        assertThat(authentication.authenticated(mail, SENDER)).isPresent();
    }

    @Test
    void aForgedPassBelowOurMxReceivedLineIsNotBelievedWhenOurServerWroteNoResults() {
        ParsedMail mail = TestMail.empty().sender(SENDER).returnPath(SENDER).to("support@ours.example")
                .header("Received", "from mx1.example.com by imap.example.com with LMTP")
                .header("Received", "from attacker.test by mx1.example.com with ESMTP")
                .authResults(OURS + "; spf=pass smtp.mailfrom=" + SENDER + "; dmarc=pass header.from=bank.example")
                .header("From", SENDER)
                .build();

        assertThat(authentication.verdict(mail, SENDER).passed()).isFalse();
    }

    @Test
    void byDefaultOnlyResultsAboveEveryReceivedLineAreBelieved() {
        ParsedMail belowLmtp = delivered(OURS + "; spf=pass smtp.mailfrom=" + SENDER).header("From", SENDER).build();
        ParsedMail onTop = TestMail.empty().sender(SENDER).returnPath(SENDER).to("support@ours.example")
                .authResults(OURS + "; spf=pass smtp.mailfrom=" + SENDER)
                .header("Received", "from sender.test by mx1.example.com with ESMTP")
                .header("From", SENDER)
                .build();
        SenderAuthentication deliveringItself = new SenderAuthentication(List.of(OURS));

        assertThat(deliveringItself.verdict(belowLmtp, SENDER).passed()).isFalse();
        assertThat(deliveringItself.verdict(belowLmtp, SENDER).reason().value())
                .contains("inbound.own-received-lines");
        assertThat(deliveringItself.verdict(onTop, SENDER).passed()).isTrue();
        assertThat(authentication.verdict(belowLmtp, SENDER).passed()).isTrue();
    }
}
