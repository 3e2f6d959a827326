package dev.replygate.decide;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication-Results values as real servers write them, and as they should not. */
class AuthenticationResultsTest {

    private static AuthResults parsed(String value) {
        return AuthenticationResults.parse(value).orElseThrow(() -> new AssertionError("did not parse: " + value));
    }

    private static List<String> methods(AuthResults results) {
        return results.results().stream().map(r -> r.method() + "=" + r.result()).toList();
    }

    @Test
    void gmail() {
        AuthResults results = parsed("mx.google.com;\r\n"
                + "       dkim=pass header.i=@example.com header.s=20230601 header.b=Vw+/T5J=;\r\n"
                + "       arc=pass (i=1 spf=pass spfdomain=example.com dkim=pass dkdomain=example.com"
                + " dmarc=pass fromdomain=example.com);\r\n"
                + "       spf=pass (google.com: domain of user@example.com designates 209.85.220.41 as permitted"
                + " sender) smtp.mailfrom=user@example.com;\r\n"
                + "       dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=example.com");

        assertThat(results.authservId()).isEqualTo("mx.google.com");
        assertThat(results.version()).isEqualTo(1);
        assertThat(methods(results)).containsExactly("dkim=pass", "arc=pass", "spf=pass", "dmarc=pass");
        MethodResult dkim = results.results().get(0);
        assertThat(dkim.property("header.i")).contains("@example.com");
        assertThat(dkim.property("header.s")).contains("20230601");
        assertThat(dkim.property("header.b")).contains("Vw+/T5J=");
        assertThat(results.results().get(2).property("smtp.mailfrom")).contains("user@example.com");
        assertThat(results.results().get(3).property("header.from")).contains("example.com");
    }

    @Test
    void microsoft365WithoutAuthservId() {
        AuthResults results = parsed("spf=pass (sender IP is 209.85.128.54) smtp.mailfrom=example.com; "
                + "dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none "
                + "header.from=example.com;compauth=pass reason=100");

        assertThat(results.authservId()).isEmpty();
        assertThat(methods(results)).containsExactly("spf=pass", "dkim=pass", "dmarc=pass", "compauth=pass");
        MethodResult dmarc = results.results().get(2);
        assertThat(dmarc.property("action")).contains("none");
        assertThat(dmarc.property("header.from")).contains("example.com");
        assertThat(results.results().get(3).reason()).isEqualTo("100");
    }

    @Test
    void microsoft365NothingSignedWithTrailingSemicolon() {
        AuthResults results = parsed("spf=none (sender IP is 192.0.2.7) smtp.mailfrom=example.org; "
                + "dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=example.org;");

        assertThat(methods(results)).containsExactly("spf=none", "dkim=none", "dmarc=none");
        assertThat(results.results().get(1).property("header.d")).contains("none");
    }

    @Test
    void fastmail() {
        AuthResults results = parsed("mx6.messagingengine.com;\n"
                + "    dkim=pass (2048-bit rsa key sha256) header.d=example.com header.i=@example.com"
                + " header.b=XwZbQ7Jk header.a=rsa-sha256 header.s=fm1 x-bits=2048;\n"
                + "    dmarc=pass policy.published-domain-policy=none policy.applied-disposition=none"
                + " policy.evaluated-disposition=none (p=none,d=none,d.eval=none) policy.policy-from=p"
                + " header.from=example.com;\n"
                + "    iprev=pass smtp.remote-ip=192.0.2.25 (mail.example.com);\n"
                + "    spf=pass smtp.mailfrom=user@example.com smtp.helo=mail.example.com;\n"
                + "    x-me-sender=none; x-ptr=pass smtp.helo=mail.example.com policy.ptr=mail.example.com");

        assertThat(results.authservId()).isEqualTo("mx6.messagingengine.com");
        assertThat(methods(results)).containsExactly("dkim=pass", "dmarc=pass", "iprev=pass", "spf=pass",
                "x-me-sender=none", "x-ptr=pass");
        assertThat(results.results().get(0).property("x-bits")).contains("2048");
        assertThat(results.results().get(1).property("policy.published-domain-policy")).contains("none");
        assertThat(results.results().get(1).property("header.from")).contains("example.com");
        assertThat(results.results().get(3).property("smtp.helo")).contains("mail.example.com");
    }

    @Test
    void postfixWithOpenDkimOpenDmarcAndPolicydSpf() {
        AuthResults dkim = parsed("mail.ours.example; dkim=pass (2048-bit key; unprotected)"
                + " header.d=example.com header.i=@example.com header.a=rsa-sha256 header.s=mail"
                + " header.b=\"Ab12Cd34\"");
        AuthResults dmarc = parsed("mail.ours.example; dmarc=pass (p=reject dis=none) header.from=example.com");
        AuthResults spf = parsed("mail.ours.example; spf=pass (sender SPF authorized) smtp.mailfrom=example.com"
                + " (client-ip=192.0.2.1; helo=mail.example.com; envelope-from=user@example.com;"
                + " receiver=<UNKNOWN>)");

        assertThat(dkim.results().get(0).property("header.b")).contains("Ab12Cd34");
        assertThat(methods(dmarc)).containsExactly("dmarc=pass");
        assertThat(spf.results()).singleElement().satisfies(r -> {
            assertThat(r.property("smtp.mailfrom")).contains("example.com");
            assertThat(r.properties()).hasSize(1);
        });
    }

    @Test
    void rspamdWithQuotedMailFrom() {
        AuthResults results = parsed("mail.ours.example;\n\tdkim=pass header.d=example.com header.s=mail"
                + " header.b=Ab12Cd34;\n\tdmarc=pass (policy=reject) header.from=example.com;\n\tspf=pass"
                + " (mail.ours.example: domain of \"bounce+abc@example.com\" designates 192.0.2.1 as permitted"
                + " sender) smtp.mailfrom=\"bounce+abc@example.com\";\n\tarc=none");

        assertThat(methods(results)).containsExactly("dkim=pass", "dmarc=pass", "spf=pass", "arc=none");
        assertThat(results.results().get(2).property("smtp.mailfrom")).contains("bounce+abc@example.com");
    }

    @Test
    void aQuotedLocalPartBeforeTheDomainIsKeptAsWritten() {
        AuthResults results = parsed("mx.ours.example; spf=pass smtp.mailfrom=\"a b\\\"c\"@example.com");

        assertThat(results.results().get(0).property("smtp.mailfrom")).contains("\"a b\\\"c\"@example.com");
    }

    @Test
    void exim() {
        AuthResults results = parsed("mx.ours.example;\n\tiprev=pass (mail.example.com) smtp.remote-ip=192.0.2.1;"
                + "\n\tspf=pass smtp.mailfrom=example.com;\n\tdkim=pass header.d=example.com header.s=s1"
                + " header.a=rsa-sha256;\n\tdmarc=pass header.from=example.com;\n\tarc=none");

        assertThat(methods(results)).containsExactly("iprev=pass", "spf=pass", "dkim=pass", "dmarc=pass",
                "arc=none");
    }

    @Test
    void yahooWritesCommentsWithoutSpaceBefore() {
        AuthResults results = parsed("atlas101.free.mail.bf1.yahoo.com; dkim=pass header.i=@example.com"
                + " header.s=s2048; spf=pass smtp.mailfrom=example.com; dmarc=pass(p=REJECT) header.from=example.com;");

        assertThat(methods(results)).containsExactly("dkim=pass", "spf=pass", "dmarc=pass");
        assertThat(results.results().get(2).property("header.from")).contains("example.com");
    }

    @Test
    void noneAsTheOnlyResult() {
        AuthResults results = parsed("mx.ours.example; none");

        assertThat(results.authservId()).isEqualTo("mx.ours.example");
        assertThat(results.results()).isEmpty();
    }

    @Test
    void anAuthservIdAloneHasNoResults() {
        assertThat(parsed("mx.ours.example").results()).isEmpty();
        assertThat(parsed("mx.ours.example;").results()).isEmpty();
    }

    @Test
    void versionAndMethodVersion() {
        AuthResults results = parsed("mx.ours.example 1; dkim/1=pass header.d=example.com");

        assertThat(results.version()).isEqualTo(1);
        assertThat(methods(results)).containsExactly("dkim=pass");
        assertThat(parsed("mx.ours.example (new) 2 (later); spf=pass smtp.mailfrom=example.com").version())
                .isEqualTo(2);
    }

    @Test
    void commentsEverywhereAndFolding() {
        AuthResults results = parsed("(lead) mx.ours.example (ours; really)\r\n\t1 (v) ; (x) dmarc (y) = (z)"
                + " pass (nested (comment \\) with ; and =) end) reason (r) = (r) \"all good\" header (h) . (h)"
                + " from (f) = (f) example.com (tail) ; spf\r\n =\r\n pass smtp.mailfrom=\r\n user@example.com");

        assertThat(results.authservId()).isEqualTo("mx.ours.example");
        assertThat(methods(results)).containsExactly("dmarc=pass", "spf=pass");
        MethodResult dmarc = results.results().get(0);
        assertThat(dmarc.reason()).isEqualTo("all good");
        assertThat(dmarc.property("header.from")).contains("example.com");
        assertThat(results.results().get(1).property("smtp.mailfrom")).contains("user@example.com");
    }

    @Test
    void caseIsIgnoredInKeywordsAndKeptInValues() {
        AuthResults results = parsed("MX.Ours.Example; DMARC=Pass Header.From=Example.COM; SPF=SoftFail"
                + " SMTP.MailFrom=User@Example.com");

        assertThat(results.authservId()).isEqualTo("MX.Ours.Example");
        assertThat(methods(results)).containsExactly("dmarc=pass", "spf=softfail");
        assertThat(results.results().get(0).property("HEADER.FROM")).contains("Example.COM");
        assertThat(results.results().get(0).properties().get(0).key()).isEqualTo("header.from");
    }

    @Test
    void quotedAuthservId() {
        assertThat(parsed("\"mx.ours.example\"; spf=pass smtp.mailfrom=example.com").authservId())
                .isEqualTo("mx.ours.example");
    }

    @Test
    void everyResultKeywordIsKept() {
        AuthResults results = parsed("mx.ours.example; spf=fail smtp.mailfrom=a.example; spf=neutral; "
                + "spf=temperror; spf=permerror; dkim=policy header.d=b.example; dmarc=bestguesspass");

        assertThat(methods(results)).containsExactly("spf=fail", "spf=neutral", "spf=temperror", "spf=permerror",
                "dkim=policy", "dmarc=bestguesspass");
    }

    @Test
    void anEmptyPropertyValueIsEmpty() {
        assertThat(parsed("mx.ours.example; spf=none smtp.mailfrom=; dmarc=none").results().get(0)
                .property("smtp.mailfrom")).contains("");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "(only a comment)",
            "; spf=pass smtp.mailfrom=example.com",
            "mx.ours.example spf=pass",
            "mx.ours.example; spf",
            "mx.ours.example; spf=",
            "mx.ours.example; =pass",
            "mx.ours.example; spf=pass smtp.mailfrom",
            "mx.ours.example; spf=pass smtp.=example.com",
            "mx.ours.example; spf=pass (unterminated comment smtp.mailfrom=example.com",
            "mx.ours.example; spf=pass smtp.mailfrom=\"unterminated",
            "mx.ours.example; spf=pass smtp.mailfrom=\"a\"b",
            "mx.ours.example; dkim/=pass",
            "mx.ours.example 1x; spf=pass",
            "mx.ours.example 99999999999; spf=pass",
            "mx.ours.example; spf=pass ) header.from=example.com",
            "mx.ours.example; dmarc=pass header.from=example.com; @@@",
            "\"mx.ours.example; dmarc=pass header.from=example.com",
            "mx.ours.example; dmarc=pass header.from=example.com\\",
    })
    void whatDoesNotFitTheGrammarGivesNothing(String value) {
        assertThat(AuthenticationResults.parse(value)).isEmpty();
    }

    @Test
    void nullAndOverlongGiveNothing() {
        assertThat(AuthenticationResults.parse(null)).isEmpty();
        String overlong = "mx.ours.example; " + "spf=pass smtp.mailfrom=example.com; ".repeat(3000);
        assertThat(overlong.length()).isGreaterThan(AuthenticationResults.MAX_LENGTH);
        assertThat(AuthenticationResults.parse(overlong)).isEmpty();
    }

    @Test
    void aSemicolonInsideAQuotedValueDoesNotStartAResult() {
        AuthResults results = parsed("mx.ours.example; spf=pass smtp.mailfrom=\"x;dmarc=pass header.from=victim.example\""
                + "@evil.example");

        assertThat(methods(results)).containsExactly("spf=pass");
    }

    @Test
    void deeplyNestedCommentsDoNotOverflowTheStack() {
        String nested = "(".repeat(20_000) + ")".repeat(20_000);
        assertThat(parsed("mx.ours.example; " + nested + " spf=pass").results()).hasSize(1);
    }
}
