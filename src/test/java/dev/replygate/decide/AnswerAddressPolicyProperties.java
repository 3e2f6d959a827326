package dev.replygate.decide;

import dev.replygate.address.MailAddress;
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

/** Whatever the sender writes, an answer goes to one plain address that is not ours, or nowhere. */
class AnswerAddressPolicyProperties {

    private static final String TRUSTED = "mx.ours.example";
    private static final List<String> OUR_ADDRESSES = List.of("support@ours.example", "replies@ours.example");

    private final AnswerAddressPolicy policy = new AnswerAddressPolicy(new SenderAuthentication(List.of(TRUSTED)),
            OUR_ADDRESSES);
    private final AnswerAddressPolicy trustingNothing = new AnswerAddressPolicy(new SenderAuthentication(List.of()),
            OUR_ADDRESSES);
    private final AddressMatcher ours = new AddressMatcher(OUR_ADDRESSES);

    @Property(tries = 3000)
    void unsignedMailIsAnsweredOnlyAtAnAuthenticatedPlainReturnPathThatIsNotOurs(
            @ForAll("addresses") String returnPath, @ForAll("authenticationResults") String authenticationResults,
            @ForAll boolean fromIsReturnPath) {
        String from = fromIsReturnPath && returnPath != null ? returnPath : "customer@example.net";
        ParsedMail mail = TestMail.from(from).returnPath(returnPath).authResults(authenticationResults).build();

        AnswerAddress answer = policy.forUnsignedMail(mail);

        Statistics.label("answered").collect(answer instanceof AnswerTo);
        Statistics.label("answered").coverage(c -> c.check(true).percentage(p -> p > 1));
        if (answer instanceof AnswerTo to) {
            assertThat(to.address()).isEqualTo(returnPath);
            assertPlainAndNotOurs(to.address());
            assertThat(authenticationResults).startsWith(TRUSTED);
            assertThat(to.address().equalsIgnoreCase(from)
                    || authenticationResults.toLowerCase(Locale.ROOT)
                    .contains("smtp.mailfrom=" + to.address().toLowerCase(Locale.ROOT)))
                    .as("the answered address itself was authenticated").isTrue();
        }
        assertThat(trustingNothing.forUnsignedMail(mail)).isInstanceOf(NoAnswer.class);
    }

    @Property(tries = 2000)
    void aSignedReplyIsAnsweredOnlyAtAPlainNotificationAddressThatIsNotOurs(
            @ForAll("addresses") String notificationRecipient, @ForAll("senders") String from) {
        ParsedMail mail = TestMail.from("customer@example.net").sender(from).build();

        AnswerAddress answer = trustingNothing.forSignedReply(mail, "4711", notificationRecipient);

        if (answer instanceof AnswerTo to) {
            assertThat(to.address()).isEqualTo(notificationRecipient);
            assertPlainAndNotOurs(to.address());
        }
    }

    private void assertPlainAndNotOurs(String address) {
        assertThat(address.chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
        assertThat(MailAddress.problemOfPlain(address)).isEmpty();
        assertThat(ours.matches(address)).isFalse();
    }

    @Provide
    Arbitrary<String> addresses() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, shapedAddresses()),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(30)),
                Tuple.of(1, Arbitraries.of("", "<>", "MAILER-DAEMON")),
                Tuple.of(1, Arbitraries.just((String) null)));
    }

    @Provide
    Arbitrary<String> senders() {
        return shapedAddresses();
    }

    /** Mostly plain addresses at the domain the headers authenticate, so that some get answers. */
    private static Arbitrary<String> shapedAddresses() {
        Arbitrary<String> local = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("customer")),
                Tuple.of(4, Arbitraries.of("Support", "support+t1", "replies", "\"support\"", "a.b", "x y", "",
                        "\"q\\\"d\"")));
        Arbitrary<String> domain = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("example.net")),
                Tuple.of(4, Arbitraries.of("ours.example", "OURS.EXAMPLE", "mail.example.net", "example.net.",
                        "[192.0.2.1]", "")));
        Arbitrary<String> decoration = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("%s")),
                Tuple.of(8, Arbitraries.of("<%s>", "Name <%s>", "%s (c)", " %s", "%s\r\nBcc: x@y.z",
                        "%s, other@example.net", "%s\n", "%s\u0000")));
        return Combinators.combine(local, domain, decoration).as((l, d, shape) -> String.format(shape, l + "@" + d));
    }

    @Provide
    Arbitrary<String> authenticationResults() {
        Arbitrary<String> id = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(TRUSTED)),
                Tuple.of(1, Arbitraries.of("mx.example.net", "")));
        Arbitrary<String> method = Arbitraries.of("dmarc=pass header.from=", "spf=pass smtp.mailfrom=",
                "spf=pass smtp.mailfrom=customer@",
                "dkim=pass header.d=", "dmarc=fail header.from=", "arc=pass header.from=");
        Arbitrary<String> domain = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("example.net")),
                Tuple.of(1, Arbitraries.of("ours.example", "example.org", "net")));
        return Combinators.combine(id, method, domain).as((i, m, d) -> i + "; " + m + d);
    }
}
