package dev.replygate.decide;

import dev.replygate.classify.Reason;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SenderAuthenticationTest {

    private static final String OURS = "mx.ours.example";

    private final SenderAuthentication authentication = new SenderAuthentication(List.of(OURS));

    private static ParsedMail mailWith(String... authenticationResults) {
        TestMail mail = TestMail.from("user@example.net");
        for (String value : authenticationResults) {
            mail.authResults(value);
        }
        return mail.build();
    }

    @Test
    void dmarcPassForTheAddressDomainAuthenticates() {
        ParsedMail mail = mailWith(OURS + "; dmarc=pass (p=reject) header.from=example.net");

        assertThat(authentication.authenticated(mail, "user@example.net"))
                .contains(new Reason("authenticated", "dmarc=pass header.from=example.net by mx.ours.example"));
    }

    @Test
    void theTrustedAuthservIdMatchesInAnyCase() {
        ParsedMail mail = mailWith("MX.Ours.EXAMPLE; dmarc=pass header.from=example.net");

        assertThat(new SenderAuthentication(List.of(" mx.OURS.example ")).authenticated(mail, "user@example.net"))
                .isPresent();
    }

    @Test
    void alignedSpfPassAuthenticates() {
        ParsedMail mail = mailWith(OURS + "; spf=pass smtp.mailfrom=user@example.net; dmarc=none header.from=x.test");

        assertThat(authentication.authenticated(mail, "user@example.net")).map(Reason::value)
                .contains("spf=pass smtp.mailfrom=user@example.net by mx.ours.example");
    }

    @Test
    void alignedDkimPassByHeaderDOrHeaderIAuthenticates() {
        assertThat(authentication.authenticated(mailWith(OURS + "; dkim=pass header.d=example.net"),
                "user@example.net")).map(Reason::value).contains("dkim=pass header.d=example.net by mx.ours.example");
        assertThat(authentication.authenticated(mailWith(OURS + "; dkim=pass header.d=esp.test"
                + " header.i=news@mail.example.net"), "user@example.net")).map(Reason::value)
                .contains("dkim=pass header.i=news@mail.example.net by mx.ours.example");
    }

    @Test
    void subdomainsAlignEitherWay() {
        assertThat(authentication.authenticated(TestMail.from("user@mail.example.net")
                .authResults(OURS + "; dmarc=pass header.from=example.net").build(), "user@mail.example.net"))
                .isPresent();
        assertThat(authentication.authenticated(mailWith(OURS + "; dkim=pass header.d=bounce.example.net"),
                "user@example.net")).isPresent();
    }

    @Test
    void anotherOrganisationDoesNotAlign() {
        AuthVerdict verdict = authentication.verdict(mailWith(OURS + "; dmarc=pass header.from=example.org;"
                + " dkim=pass header.d=example.org"), "user@example.net");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason().rule()).isEqualTo("unauthenticated:no-aligned-pass");
        assertThat(verdict.reason().value()).contains("example.net", "dmarc=pass header.from=example.org");
    }

    @Test
    void spfPassButMisalignedDoesNotAuthenticate() {
        ParsedMail mail = mailWith(OURS + "; spf=pass smtp.mailfrom=bounces.esp.test;"
                + " dkim=neutral header.d=example.net; dmarc=none header.from=example.net");

        AuthVerdict verdict = authentication.verdict(mail, "user@example.net");
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason().value()).contains("spf=pass smtp.mailfrom=bounces.esp.test",
                "dkim=neutral header.d=example.net");
    }

    @Test
    void siblingSubdomainsDoNotAlign() {
        assertThat(authentication.authenticated(mailWith(OURS + "; spf=pass smtp.mailfrom=a.example.net"),
                "user@b.example.net")).isEmpty();
    }

    @Test
    void aTopLevelDomainAlignsWithNothing() {
        assertThat(authentication.authenticated(mailWith(OURS + "; dkim=pass header.d=net"), "user@example.net"))
                .isEmpty();
    }

    @Test
    void softfailNeutralNoneAndErrorsAreNoPass() {
        for (String result : List.of("fail", "softfail", "neutral", "none", "temperror", "permerror", "policy")) {
            ParsedMail mail = mailWith(OURS + "; spf=" + result + " smtp.mailfrom=example.net; dkim=" + result
                    + " header.d=example.net; dmarc=" + result + " header.from=example.net");
            assertThat(authentication.authenticated(mail, "user@example.net")).as(result).isEmpty();
        }
    }

    @Test
    void arcPassIsNoEvidence() {
        assertThat(authentication.authenticated(mailWith(OURS + "; arc=pass (i=1 dmarc=pass fromdomain=example.net)"
                + " header.from=example.net"), "user@example.net")).isEmpty();
    }

    @Test
    void nothingIsTrustedWithoutAConfiguredAuthservId() {
        ParsedMail mail = mailWith(OURS + "; dmarc=pass header.from=example.net");
        SenderAuthentication trustingNothing = new SenderAuthentication(List.of());

        assertThat(trustingNothing.trustsAnyServer()).isFalse();
        assertThat(trustingNothing.verdict(mail, "user@example.net").reason().rule())
                .isEqualTo("unauthenticated:no-trusted-authserv-id");
        assertThat(new SenderAuthentication(List.of(" ", "")).trustsAnyServer()).isFalse();
    }

    @Test
    void untrustedHeadersAreIgnoredWhereverTheyStand() {
        ParsedMail mail = mailWith(
                "mx.google.com; dmarc=pass header.from=example.net",
                OURS + "; dmarc=fail header.from=example.net; spf=fail smtp.mailfrom=example.net",
                "mx.ours.example.evil.test; dmarc=pass header.from=example.net",
                "spf=pass smtp.mailfrom=example.net; dmarc=pass action=none header.from=example.net");

        AuthVerdict verdict = authentication.verdict(mail, "user@example.net");
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason().rule()).isEqualTo("unauthenticated:dmarc-fail");
    }

    @Test
    void aForgedUntrustedPassAboveOrBelowDoesNotHelp() {
        String trusted = OURS + "; spf=neutral smtp.mailfrom=example.net; dmarc=none header.from=example.net";
        String forged = "mx.example.net; dmarc=pass header.from=example.net; spf=pass smtp.mailfrom=example.net";

        assertThat(authentication.verdict(mailWith(forged, trusted), "user@example.net").reason().rule())
                .isEqualTo("unauthenticated:no-aligned-pass");
        assertThat(authentication.verdict(mailWith(trusted, forged), "user@example.net").reason().rule())
                .isEqualTo("unauthenticated:no-aligned-pass");
    }

    @Test
    void onlyForgedHeadersMeanNoTrustedHeader() {
        ParsedMail mail = mailWith("mx.example.net; dmarc=pass header.from=example.net",
                "dmarc=pass header.from=example.net");

        AuthVerdict verdict = authentication.verdict(mail, "user@example.net");
        assertThat(verdict.reason().rule()).isEqualTo("unauthenticated:no-trusted-header");
        assertThat(verdict.reason().value()).contains("mx.ours.example", "2");
    }

    @Test
    void aTrustedDmarcFailOutweighsAForgedTrustedPassBelowIt() {
        ParsedMail mail = mailWith(
                OURS + "; dmarc=fail (p=reject) header.from=example.net",
                OURS + "; dmarc=pass header.from=example.net; dkim=pass header.d=example.net");

        AuthVerdict verdict = authentication.verdict(mail, "user@example.net");
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).isEqualTo(new Reason("unauthenticated:dmarc-fail",
                "dmarc=fail header.from=example.net by mx.ours.example"));
    }

    @Test
    void aDmarcFailForAnotherDomainDoesNotVeto() {
        ParsedMail mail = mailWith(OURS + "; dmarc=fail header.from=other.test; spf=pass"
                + " smtp.mailfrom=user@example.net");

        assertThat(authentication.authenticated(mail, "user@example.net")).isPresent();
    }

    @Test
    void resultsSplitOverSeveralTrustedHeadersCount() {
        ParsedMail mail = mailWith(
                OURS + "; spf=pass smtp.mailfrom=bounce.esp.test",
                OURS + "; dkim=pass header.d=example.net");

        assertThat(authentication.authenticated(mail, "user@example.net")).map(Reason::value)
                .contains("dkim=pass header.d=example.net by mx.ours.example");
    }

    @Test
    void dmarcIsPreferredAsEvidence() {
        ParsedMail mail = mailWith(OURS + "; spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.net;"
                + " dmarc=pass header.from=example.net");

        assertThat(authentication.authenticated(mail, "user@example.net")).map(Reason::value)
                .hasValueSatisfying(value -> assertThat(value).startsWith("dmarc=pass"));
    }

    @Test
    void anUnparseableTrustedHeaderIsNoEvidence() {
        ParsedMail mail = mailWith(OURS + "; dmarc=pass header.from=example.net (unterminated");

        assertThat(authentication.verdict(mail, "user@example.net").reason().rule())
                .isEqualTo("unauthenticated:no-trusted-header");
    }

    @Test
    void anotherVersionIsIgnored() {
        ParsedMail mail = mailWith(OURS + " 2; dmarc=pass header.from=example.net");

        assertThat(authentication.authenticated(mail, "user@example.net")).isEmpty();
    }

    @Test
    void aHeaderWithoutAuthservIdIsNeverTrusted() {
        ParsedMail mail = mailWith("spf=pass smtp.mailfrom=example.net; dmarc=pass action=none header.from=example.net");

        assertThat(new SenderAuthentication(List.of(OURS, "")).authenticated(mail, "user@example.net")).isEmpty();
    }

    @Test
    void anAddressWithoutDomainIsNeverAuthenticated() {
        ParsedMail mail = mailWith(OURS + "; dmarc=pass header.from=example.net");

        for (String address : new String[] {null, "", "example.net", "user@"}) {
            assertThat(authentication.verdict(mail, address).reason().rule()).as(address)
                    .isEqualTo("unauthenticated:no-domain");
        }
    }

    @Test
    void domainsCompareInAnyCaseAndAsIdn() {
        assertThat(authentication.authenticated(mailWith(OURS + "; dmarc=pass header.from=EXAMPLE.net."),
                "User@Example.NET")).isPresent();
        assertThat(authentication.authenticated(TestMail.from("user@bücher.example")
                .authResults(OURS + "; dmarc=pass header.from=xn--bcher-kva.example").build(), "user@bücher.example"))
                .isPresent();
    }
}
