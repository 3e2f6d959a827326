package dev.replygate.decide;

import dev.replygate.parse.ParsedMail;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the headers say: the parser never throws, and no address is authenticated unless a
 * header carries a trusted authserv-id.
 */
class AuthenticationResultsProperties {

    private static final String TRUSTED = "mx.ours.example";
    private static final String ADDRESS = "user@example.net";

    private final SenderAuthentication trusting = new SenderAuthentication(List.of(TRUSTED));
    private final SenderAuthentication trustingNothing = new SenderAuthentication(List.of());

    @Property(tries = 2000)
    void parsingArbitraryTextNeverThrows(@ForAll String value) {
        AuthenticationResults.parse(value);
    }

    @Property(tries = 3000)
    void parsingHeaderLikeTextNeverThrows(@ForAll("headerLike") String value) {
        AuthenticationResults.parse(value).ifPresent(results -> {
            assertThat(results.authservId()).isNotNull();
            assertThat(results.results()).allSatisfy(r -> {
                assertThat(r.method()).isNotEmpty().isLowerCase();
                assertThat(r.result()).isNotEmpty().isLowerCase();
            });
        });
    }

    @Property(tries = 3000)
    void onlyAHeaderWithATrustedAuthservIdCanAuthenticate(@ForAll("headerLists") List<String> headers) {
        ParsedMail mail = mailWith(headers);
        boolean trustedHeader = headers.stream().map(AuthenticationResults::parse)
                .flatMap(java.util.Optional::stream)
                .anyMatch(results -> results.authservId().toLowerCase(Locale.ROOT).equals(TRUSTED));

        AuthVerdict verdict = trusting.verdict(mail, ADDRESS);

        Statistics.label("trusted header").collect(trustedHeader);
        Statistics.label("authenticated").collect(verdict.passed());
        Statistics.label("authenticated").coverage(c -> c.check(true).percentage(p -> p > 2));
        if (verdict.passed()) {
            assertThat(trustedHeader).as("authenticated by %s", headers).isTrue();
            String value = verdict.reason().value();
            assertThat(value.substring(value.lastIndexOf(" by ") + 4)).isEqualToIgnoringCase(TRUSTED);
        }
        assertThat(trustingNothing.authenticated(mail, ADDRESS)).isEmpty();
    }

    @Property(tries = 1000)
    void anUntrustedHeaderNeverAuthenticates(@ForAll("untrustedHeaderLists") List<String> headers) {
        assertThat(trusting.authenticated(mailWith(headers), ADDRESS)).as("%s", headers).isEmpty();
    }

    private static ParsedMail mailWith(List<String> headers) {
        TestMail mail = TestMail.from(ADDRESS);
        headers.forEach(mail::authResults);
        return mail.build();
    }

    @Provide
    Arbitrary<List<String>> headerLists() {
        return Arbitraries.oneOf(headerLike(), Arbitraries.strings()).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<String>> untrustedHeaderLists() {
        return header(untrustedIds()).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> headerLike() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, header(authservIds())),
                Tuple.of(3, header(authservIds()).flatMap(AuthenticationResultsProperties::withJunk)),
                Tuple.of(1, Arbitraries.strings().withChars("()\";=.@\\ \r\n\tabc/1").ofMaxLength(40)));
    }

    private static Arbitrary<String> header(Arbitrary<String> authservIds) {
        Arbitrary<String> version = Arbitraries.of("", " 1", " 2", " (c) 1");
        Arbitrary<String> resinfos = resinfo().list().ofMaxSize(4).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(r -> text.append(";").append(r));
            return text.toString();
        });
        return Combinators.combine(authservIds, version, resinfos, Arbitraries.of("", ";", "; none", " "))
                .as((id, v, r, end) -> id + v + r + end);
    }

    private static Arbitrary<String> resinfo() {
        Arbitrary<String> method = Arbitraries.of("dmarc", "spf", "dkim", "arc", "iprev", "DMARC", "x-me", "dkim/1");
        Arbitrary<String> result = Arbitraries.of("pass", "fail", "none", "softfail", "neutral", "temperror",
                "permerror", "policy", "Pass");
        Arbitrary<String> property = Combinators.combine(
                Arbitraries.of("header.from", "smtp.mailfrom", "header.d", "header.i", "action", "reason",
                        "header.b", "policy.dmarc", "smtp.helo"),
                Arbitraries.of("example.net", "user@example.net", "@example.net", "sub.example.net", "example.org",
                        "net", "\"x;y\"@example.net", "\"example.net\"", "Ab+/c=", "", "<user@example.net>"))
                .as((key, value) -> " " + key + "=" + value);
        Arbitrary<String> comment = Arbitraries.of("", " (comment)", " (p=reject; sp=none)", " (a (nested) one)");
        return Combinators.combine(method, result, comment, property.list().ofMaxSize(3))
                .as((m, r, c, p) -> " " + m + "=" + r + c + String.join("", p));
    }

    private static Arbitrary<String> authservIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(TRUSTED, "MX.Ours.Example", "\"mx.ours.example\"")),
                Tuple.of(4, untrustedIds()));
    }

    private static Arbitrary<String> untrustedIds() {
        return Arbitraries.of("mx.google.com", "mx.ours.example.evil.test", "evil.mx.ours.example", "mx-ours.example",
                "mx.ours.example.", "ours.example", "\"mx.ours.example \"", "mx.ours.examp1e", "spf=pass", "");
    }

    /** Inserts a junk character somewhere: the parser must cope, and must not read more into it. */
    private static Arbitrary<String> withJunk(String header) {
        return Combinators.combine(Arbitraries.integers().between(0, header.length()),
                        Arbitraries.of('(', ')', '"', '\\', ';', '=', '.', '@', '/', '\r', '\n', '\u0000', 'é'))
                .as((at, junk) -> header.substring(0, at) + junk + header.substring(at));
    }
}
