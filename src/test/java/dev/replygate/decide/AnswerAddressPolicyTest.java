package dev.replygate.decide;

import dev.replygate.address.DomainNames;
import dev.replygate.classify.Reason;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerAddressPolicyTest {

    private static final String OURS = "mx.ours.example";
    private static final List<String> OUR_ADDRESSES = List.of("support@ours.example", "noreply@notify.ours.example");

    private final AnswerAddressPolicy policy = new AnswerAddressPolicy(new SenderAuthentication(List.of(OURS)),
            OUR_ADDRESSES);
    private final AnswerAddressPolicy trustingNothing = new AnswerAddressPolicy(new SenderAuthentication(List.of()),
            OUR_ADDRESSES);

    private static ParsedMail authenticatedFrom(String address) {
        return TestMail.from(address).authResults(OURS + "; dmarc=pass header.from=" + DomainNames.of(address)).build();
    }

    private static Reason noAnswer(AnswerAddress answer) {
        assertThat(answer).isInstanceOf(NoAnswer.class);
        return answer.reason();
    }

    @Test
    void aSignedReplyIsAnsweredAtTheNotificationAddress() {
        ParsedMail mail = TestMail.from("customer@example.net").build();

        AnswerAddress answer = policy.forSignedReply(mail, "4711", "customer@example.net");

        assertThat(answer).isEqualTo(new AnswerTo("customer@example.net", new Reason("answer:notification-recipient",
                "ticket 4711 notified customer@example.net; From customer@example.net; Return-Path <customer@example.net>")));
    }

    @Test
    void aSignedReplyWithAForgedFromIsAnsweredOnlyAtTheNotificationAddress() {
        ParsedMail forged = TestMail.from("victim@elsewhere.test").authResults(OURS
                + "; dmarc=pass header.from=elsewhere.test").build();

        AnswerAddress answer = policy.forSignedReply(forged, "4711", "customer@example.net");

        assertThat(answer).isInstanceOfSatisfying(AnswerTo.class, to -> {
            assertThat(to.address()).isEqualTo("customer@example.net");
            assertThat(to.reason().value()).contains("notified customer@example.net",
                    "From victim@elsewhere.test (differs)", "Return-Path <victim@elsewhere.test>");
        });
    }

    @Test
    void aSignedReplyIsAnsweredEvenWithoutTrustedAuthservId() {
        ParsedMail mail = TestMail.from("customer@example.net").build();

        assertThat(trustingNothing.forSignedReply(mail, "4711", "customer@example.net"))
                .isInstanceOf(AnswerTo.class);
    }

    @Test
    void aSignedReplyWithTheNullReturnPathIsNotAnswered() {
        ParsedMail bounce = TestMail.from("customer@example.net").returnPath("").build();

        assertThat(noAnswer(policy.forSignedReply(bounce, "4711", "customer@example.net")))
                .isEqualTo(new Reason("no-answer:null-return-path", "Return-Path <>"));
    }

    @Test
    void aSignedReplyWithoutAnyReturnPathIsAnsweredAtTheNotifiedAddress() {
        // Appended over IMAP, saved by a mail program, or delivered by an agent that writes no Return-Path.
        ParsedMail noReturnPath = TestMail.from("customer@example.net").returnPath(null).build();

        assertThat(trustingNothing.forSignedReply(noReturnPath, "4711", "customer@example.net"))
                .isInstanceOfSatisfying(AnswerTo.class, to -> {
                    assertThat(to.address()).isEqualTo("customer@example.net");
                    assertThat(to.reason().value()).endsWith("Return-Path (missing)");
                });
    }

    @Test
    void aSignedReplyToATicketNotifiedAtOurOwnAddressIsNotAnswered() {
        ParsedMail mail = TestMail.from("customer@example.net").build();

        assertThat(noAnswer(policy.forSignedReply(mail, "4711", "Support+T4711@OURS.example")).rule())
                .isEqualTo("no-answer:own-address");
    }

    @Test
    void aSignedReplyWithoutUsableNotificationAddressIsNotAnswered() {
        ParsedMail mail = TestMail.from("customer@example.net").build();

        assertThat(noAnswer(policy.forSignedReply(mail, "4711", null)).rule()).isEqualTo("no-answer:invalid-address");
        assertThat(noAnswer(policy.forSignedReply(mail, "4711", "a@example.net\r\nBcc: b@example.net")).rule())
                .isEqualTo("no-answer:invalid-address");
    }

    @Test
    void unsignedMailIsAnsweredAtItsAuthenticatedReturnPath() {
        ParsedMail mail = authenticatedFrom("customer@example.net");

        AnswerAddress answer = policy.forUnsignedMail(mail);

        assertThat(answer).isEqualTo(new AnswerTo("customer@example.net", new Reason("answer:return-path",
                "customer@example.net authenticated: dmarc=pass header.from=example.net by mx.ours.example")));
    }

    @Test
    void unsignedMailIsAnsweredAtTheReturnPathNotTheFrom() {
        ParsedMail mail = TestMail.from("boss@example.net").returnPath("bounce-77@example.net")
                .authResults(OURS + "; spf=pass smtp.mailfrom=bounce-77@example.net").build();

        assertThat(policy.forUnsignedMail(mail)).isInstanceOfSatisfying(AnswerTo.class,
                to -> assertThat(to.address()).isEqualTo("bounce-77@example.net"));
    }

    @Test
    void unsignedMailIsNeverAnsweredWithoutTrustedAuthservId() {
        ParsedMail mail = authenticatedFrom("customer@example.net");

        assertThat(noAnswer(trustingNothing.forUnsignedMail(mail)).rule())
                .isEqualTo("unauthenticated:no-trusted-authserv-id");
    }

    @Test
    void unsignedMailThatIsNotAuthenticatedIsNotAnswered() {
        ParsedMail forged = TestMail.from("victim@example.net")
                .authResults(OURS + "; spf=fail smtp.mailfrom=example.net; dmarc=fail header.from=example.net")
                .authResults("mx.example.net; dmarc=pass header.from=example.net")
                .build();

        assertThat(noAnswer(policy.forUnsignedMail(forged)).rule()).isEqualTo("unauthenticated:dmarc-fail");
    }

    @Test
    void unsignedMailWithTheNullOrNoReturnPathIsNotAnswered() {
        ParsedMail bounce = TestMail.from("mailer-daemon@example.net").returnPath("")
                .authResults(OURS + "; dmarc=pass header.from=example.net").build();
        ParsedMail noReturnPath = TestMail.from("customer@example.net").returnPath(null)
                .authResults(OURS + "; dmarc=pass header.from=example.net").build();

        assertThat(noAnswer(policy.forUnsignedMail(bounce)).rule()).isEqualTo("no-answer:null-return-path");
        assertThat(noAnswer(policy.forUnsignedMail(noReturnPath)).rule()).isEqualTo("no-answer:missing-return-path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"support@ours.example", "SUPPORT@Ours.Example", "support+x1@ours.example",
            "\"support\"@ours.example", "noreply+bounce@notify.ours.example"})
    void ourOwnAddressIsNeverAnswered(String ours) {
        ParsedMail mail = TestMail.from(ours).authResults(OURS + "; dmarc=pass header.from=ours.example;"
                + " spf=pass smtp.mailfrom=notify.ours.example").build();

        assertThat(noAnswer(policy.forUnsignedMail(mail))).isEqualTo(new Reason("no-answer:own-address", ours));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Customer <customer@example.net>",
            "<customer@example.net>",
            "customer@example.net (comment)",
            " customer@example.net",
            "customer@example.net, other@example.net",
            "customer@example.net\r\nBcc: other@example.net",
            "customer@example.net\n",
            "custo\u0000mer@example.net",
            "customer",
            "customer@",
            "@example.net",
            "customer@[192.0.2.1]",
            "customer@exa mple.net",
            "customer@example..net",
            "group: customer@example.net;",
    })
    void onlyOnePlainAddrSpecIsAnswered(String returnPath) {
        ParsedMail mail = TestMail.from("customer@example.net").returnPath(returnPath)
                .authResults(OURS + "; dmarc=pass header.from=example.net").build();

        assertThat(noAnswer(policy.forUnsignedMail(mail)).rule()).isEqualTo("no-answer:invalid-address");
        assertThat(noAnswer(policy.forSignedReply(TestMail.from("customer@example.net").build(), "1", returnPath))
                .rule()).isEqualTo("no-answer:invalid-address");
    }

    @Test
    void aQuotedLocalPartIsAPlainAddrSpec() {
        ParsedMail mail = TestMail.from("\"john doe\"@example.net")
                .authResults(OURS + "; dmarc=pass header.from=example.net").build();

        assertThat(policy.forUnsignedMail(mail)).isInstanceOf(AnswerTo.class);
    }
}
