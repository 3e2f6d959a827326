package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.replygate.classify.ParsedMailBuilder.human;
import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTest {

    private static final String NOTIFICATION = "rg.t42.0a1b2c.k1.ffee@replygate.example";
    private final FakeSignatures signatures = new FakeSignatures().signedMessageId(NOTIFICATION, "T42")
            .signedAddress("support+t42-k1-abc@host.example", "T42");
    private final Classifier classifier = new Classifier(signatures);
    private final ClassifyContext ctx = ClassifyContext.builder().ourDomain("replygate.example")
            .ourAddress("support@host.example").loopToken("rg-prod")
            .subjectPattern(SubjectPattern.of("whmcs", "\\[Ticket ID: (?<ticket>\\d+)\\]")).build();

    private Verdict classify(ParsedMail mail) {
        return classifier.classify(mail, ctx);
    }

    @Nested
    class HumanMail {
        @Test
        void aMessageThatMatchesNoTicketIsNew() {
            Verdict verdict = classify(human().build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.NEW);
            assertThat(verdict.reasons()).isEmpty();
            assertThat(verdict.automatic()).isFalse();
            assertThat(verdict.ticketId()).isNull();
        }

        @Test
        void autoSubmittedNoIsAHuman() {
            assertThat(classify(human().header("Auto-Submitted", "no").build()).mailClass()).isEqualTo(MailClass.NEW);
        }

        @Test
        void anotherPrecedenceAloneIsAHumanButIsNoted() {
            Verdict verdict = classify(human().header("Precedence", "first-class").build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.NEW);
            assertThat(verdict.weakSignals()).extracting(Reason::rule).containsExactly("other-precedence");
        }

        @Test
        void aMissingReturnPathAloneIsAHumanButIsNoted() {
            Verdict verdict = classify(human().returnPath(null).build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.NEW);
            assertThat(verdict.reasons()).isEmpty();
            assertThat(verdict.weakSignals()).containsExactly(new Reason("return-path-missing", "Return-Path: (missing)"));
        }

        @Test
        void aSubjectThatLooksAutomaticAloneIsAHuman() {
            Verdict verdict = classify(human().subject("Out of office party on Friday").build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.NEW);
            assertThat(verdict.weakSignals()).extracting(Reason::rule).containsExactly("auto-reply-subject");
        }
    }

    @Nested
    class WeakSignalTie {
        @Test
        void anAutomaticSubjectAndAnotherPrecedenceMakeAnAutoReply() {
            Verdict verdict = classify(human().subject("Automatic reply: Re: ticket").header("Precedence", "first-class")
                    .build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.AUTO_REPLY);
            assertThat(verdict.ruleNames()).containsExactly("auto-reply-subject", "other-precedence");
        }

        @Test
        void aBounceSubjectAndABounceReturnPathMakeABounce() {
            Verdict verdict = classify(human().subject("Undeliverable: your ticket").returnPath("bounces-123@esp.example")
                    .build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.BOUNCE);
            assertThat(verdict.ruleNames()).containsExactly("bounce-subject", "bounce-return-path");
        }

        @Test
        void translatedSubjectsCountToo() {
            for (String subject : List.of("پاسخ خودکار: تیکت", "\u200fخارج از دفتر", "Abwesenheitsnotiz: Re: x",
                    "Automatyczna odpowiedź: x", "Réponse automatique : x", "Автоответ: x")) {
                Verdict verdict = classify(human().subject(subject).header("X-Loop", "lists@example.org").build());
                assertThat(verdict.mailClass()).as(subject).isEqualTo(MailClass.AUTO_REPLY);
            }
        }

        @Test
        void aVerpReturnPathEqualToFromIsNoSignal() {
            ParsedMail mail = human().from("bounce@customer.example").returnPath("bounce@customer.example")
                    .subject("Returned mail: see transcript").build();
            assertThat(classify(mail).mailClass()).isEqualTo(MailClass.NEW);
        }

        @Test
        void aBounceSubjectWithoutReturnPathMakesABounce() {
            Verdict verdict = classify(human().subject("Mail delivery failed").returnPath(null).build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.BOUNCE);
            assertThat(verdict.ruleNames()).containsExactly("bounce-subject", "return-path-missing");
        }

        @Test
        void translatedBounceSubjectsCountToo() {
            for (String subject : List.of("Unzustellbar: Re: x", "Non remis : x", "Onbestelbaar: x", "Non recapitabile: x",
                    "Недоставленное сообщение", "\u200fپیام تحویل داده نشد", "メッセージを配信できません。", "退信: x")) {
                Verdict verdict = classify(human().subject(subject).returnPath(null).build());
                assertThat(verdict.mailClass()).as(subject).isEqualTo(MailClass.BOUNCE);
            }
        }

        @Test
        void twoHeaderSignalsWithoutASubjectAreNoTie() {
            ParsedMail mail = human().header("Precedence", "first-class").header("X-Loop", "x@lists.example").build();
            assertThat(classify(mail).mailClass()).isEqualTo(MailClass.NEW);
        }
    }

    @Nested
    class ClassPrecedence {
        @Test
        void everyReasonIsListedAndTheStrongestClassWins() {
            ParsedMail mail = human().header("X-Replygate-Loop", "rg-prod").report("delivery-status")
                    .header("List-Id", "<x>").header("Auto-Submitted", "auto-replied").header("X-Spam-Flag", "YES")
                    .build();
            Verdict verdict = classify(mail);
            assertThat(verdict.mailClass()).isEqualTo(MailClass.LOOP);
            assertThat(verdict.ruleNames()).containsExactlyInAnyOrder("replygate-loop-header", "multipart-report",
                    "list-header", "auto-submitted", "spam-verdict");
        }

        @Test
        void bounceOverReportOverSpamOverAutoReplyOverListOverBulk() {
            assertThat(classify(human().header("Feedback-ID", "1").build()).mailClass()).isEqualTo(MailClass.BULK);
            assertThat(classify(human().header("Feedback-ID", "1").header("List-Id", "<x>").build()).mailClass())
                    .isEqualTo(MailClass.LIST);
            assertThat(classify(human().header("List-Id", "<x>").header("Auto-Submitted", "auto-generated").build())
                    .mailClass()).isEqualTo(MailClass.AUTO_REPLY);
            assertThat(classify(human().header("Auto-Submitted", "auto-generated").header("X-Spam-Flag", "YES").build())
                    .mailClass()).isEqualTo(MailClass.SPAM);
            assertThat(classify(human().header("X-Spam-Flag", "YES").report("feedback-report").build()).mailClass())
                    .isEqualTo(MailClass.REPORT);
            assertThat(classify(human().report("feedback-report").header("X-Failed-Recipients", "a@b.example").build())
                    .mailClass()).isEqualTo(MailClass.BOUNCE);
        }

        @Test
        void aRuleThatThrowsCountsAsFired() {
            AutomatedMailRule broken = new AutomatedMailRule() {
                @Override
                public String name() {
                    return "broken";
                }

                @Override
                public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
                    throw new IllegalStateException("bug");
                }

                @Override
                public MailClass mailClass(Reason reason) {
                    return MailClass.BULK;
                }
            };
            Classifier withBrokenRule = new Classifier(List.of(broken), List.of(), List.of(), TicketSignatures.NONE);
            Verdict verdict = withBrokenRule.classify(human().build(), ctx);
            assertThat(verdict.automatic()).isTrue();
            assertThat(verdict.reasons()).extracting(Reason::rule).containsExactly(Classifier.RULE_FAILED);
        }
    }

    @Nested
    class Bounces {
        private static final String FAILED = "Reporting-MTA: dns; mx.customer.example\n\n"
                + "Final-Recipient: rfc822; bob@customer.example\nAction: failed\nStatus: 5.1.1\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <bob@customer.example>: user unknown\n";

        private ParsedMailBuilder dsn(String fields, String quotedMessageId) {
            return human().from("MAILER-DAEMON@mx.customer.example").returnPath("").report("delivery-status")
                    .subject("Undelivered Mail Returned to Sender").deliveryStatus(fields)
                    .attachedHeaders("From: support@host.example\nMessage-ID: <" + quotedMessageId + ">\nSubject: Ticket");
        }

        @Test
        void aBounceOfOurNotificationIsTrustedAndNamesTheTicket() {
            Verdict verdict = classify(dsn(FAILED, NOTIFICATION).build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.BOUNCE);
            assertThat(verdict.ticketId()).isEqualTo("T42");
            assertThat(verdict.signed()).isTrue();
            assertThat(verdict.notificationMessageId()).isEqualTo(NOTIFICATION);
            DeliveryReport report = verdict.delivery();
            assertThat(report.trusted()).isTrue();
            assertThat(report.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.recipient()).isEqualTo("bob@customer.example");
                assertThat(failure.status()).isEqualTo("5.1.1");
                assertThat(failure.hard()).isTrue();
            });
        }

        @Test
        void aForgedBounceIsStillABounceButNotTrusted() {
            Verdict verdict = classify(dsn(FAILED, "rg.t42.forged.k1.0000@replygate.example").build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.BOUNCE);
            assertThat(verdict.ticketId()).isNull();
            assertThat(verdict.notificationMessageId()).isNull();
            assertThat(verdict.delivery().trusted()).isFalse();
            assertThat(verdict.delivery().notificationMessageId()).isEqualTo("rg.t42.forged.k1.0000@replygate.example");
        }

        @Test
        void aSuccessReportIsAReportNotABounce() {
            String delivered = "Reporting-MTA: dns; mx.customer.example\n\nFinal-Recipient: rfc822; bob@customer.example\n"
                    + "Action: delivered\nStatus: 2.0.0\n";
            Verdict verdict = classify(dsn(delivered, NOTIFICATION).build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.REPORT);
            assertThat(verdict.ruleNames()).contains("delivery-success");
        }

        @Test
        void aPlainTextBounceFromAMailSystemIsABounceWithItsFacts() {
            ParsedMail qmail = human().from("MAILER-DAEMON@mx.customer.example").returnPath("")
                    .subject("failure notice").text("Hi. This is the qmail-send program at mx.customer.example.\n"
                            + "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
                            + "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                            + "<bob@customer.example>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
                            + "--- Below this line is a copy of the message.\n\nMessage-ID: <" + NOTIFICATION + ">\n")
                    .build();
            Verdict verdict = classify(qmail);
            assertThat(verdict.mailClass()).isEqualTo(MailClass.BOUNCE);
            assertThat(verdict.ticketId()).isEqualTo("T42");
            assertThat(verdict.delivery().failures()).extracting(RecipientStatus::recipient, RecipientStatus::hard)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("bob@customer.example", true));
        }

        @Test
        void anAutoReplyWhoseTextSoundsLikeABounceYieldsNoFailedRecipients() {
            ParsedMail vacation = human().header("Auto-Submitted", "auto-replied").returnPath("")
                    .subject("Re: your ticket").text("Your message could not be delivered to me before Monday.\n"
                            + "Please write to carol@customer.example instead.\nMessage-ID: <" + NOTIFICATION + ">")
                    .build();
            Verdict verdict = classify(vacation);
            assertThat(verdict.mailClass()).isEqualTo(MailClass.AUTO_REPLY);
            assertThat(verdict.delivery().recipients()).isEmpty();
            assertThat(verdict.ticketId()).as("a trusted quote, but no bounce facts").isEqualTo("T42");
        }

        @Test
        void anAutoReplyThatQuotesAddressesIsNoBounce() {
            ParsedMail vacation = human().header("Auto-Submitted", "auto-replied (vacation)")
                    .subject("Out of office").text("I am away until Monday. For urgent matters write to carol@customer.example.")
                    .build();
            Verdict verdict = classify(vacation);
            assertThat(verdict.mailClass()).isEqualTo(MailClass.AUTO_REPLY);
            assertThat(verdict.delivery()).isNull();
        }
    }

    @Nested
    class Replies {
        @Test
        void bySignedMessageIdInInReplyTo() {
            Verdict verdict = classify(human().inReplyTo(NOTIFICATION).build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.REPLY);
            assertThat(verdict.ticketId()).isEqualTo("T42");
            assertThat(verdict.signed()).isTrue();
            assertThat(verdict.notificationMessageId()).isEqualTo(NOTIFICATION);
            assertThat(verdict.reasons()).containsExactly(new Reason("signed-message-id", NOTIFICATION));
        }

        @Test
        void bySignedMessageIdInReferencesWhenInReplyToIsSomeoneElses() {
            Verdict verdict = classify(human().inReplyTo("other@mail.example").references(NOTIFICATION, "x@mail.example")
                    .build());
            assertThat(verdict.ticketId()).isEqualTo("T42");
            assertThat(verdict.ruleNames()).containsExactly("signed-message-id");
        }

        @Test
        void bySignedReplyAddress() {
            Verdict verdict = classify(human().to("Support+T42-K1-ABC@host.example").build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.REPLY);
            assertThat(verdict.ruleNames()).containsExactly("signed-reply-address");
            assertThat(verdict.signed()).isTrue();
        }

        @Test
        void byBodyMarker() {
            Verdict verdict = classify(human().text("Thanks!\n\n> Your ticket was answered.\n> [rg-ref:<" + NOTIFICATION + ">]")
                    .build());
            assertThat(verdict.ruleNames()).containsExactly("body-marker");
            assertThat(verdict.signed()).isTrue();
        }

        @Test
        void bySubjectPatternUnsigned() {
            Verdict verdict = classify(human().subject("Re: [Ticket ID: 123456] Server down").build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.REPLY);
            assertThat(verdict.ticketId()).isEqualTo("123456");
            assertThat(verdict.signed()).isFalse();
            assertThat(verdict.ruleNames()).containsExactly("subject-pattern:whmcs");
        }

        @Test
        void aSignatureBeatsASubjectPattern() {
            Verdict verdict = classify(human().subject("Re: [Ticket ID: 999] other").inReplyTo(NOTIFICATION).build());
            assertThat(verdict.ticketId()).isEqualTo("T42");
            assertThat(verdict.signed()).isTrue();
        }

        @Test
        void unsignedLookAlikesAreNew() {
            ParsedMail mail = human().inReplyTo("rg.t42.0a1b2c.k1.0000@replygate.example")
                    .to("support+t42-k1-000@host.example").text("[rg-ref:rg.t1.x.k1.y@replygate.example]").build();
            assertThat(classify(mail).mailClass()).isEqualTo(MailClass.NEW);
        }

        @Test
        void automaticMailIsNeverAReplyEvenWhenItAnswersOurNotification() {
            Verdict verdict = classify(human().inReplyTo(NOTIFICATION).header("Auto-Submitted", "auto-replied").build());
            assertThat(verdict.mailClass()).isEqualTo(MailClass.AUTO_REPLY);
            assertThat(verdict.ticketId()).isNull();
        }
    }

    @Test
    void anUnparseableMessageHasItsOwnVerdict() {
        Verdict verdict = Verdict.unparseable("header block larger than 1 MiB");
        assertThat(verdict.mailClass()).isEqualTo(MailClass.UNPARSEABLE);
        assertThat(verdict.automatic()).isTrue();
        assertThat(verdict.reasons()).containsExactly(new Reason("parse-failed", "header block larger than 1 MiB"));
    }
}
