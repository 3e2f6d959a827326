package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static dev.replygate.classify.ParsedMailBuilder.human;
import static org.assertj.core.api.Assertions.assertThat;

/** Each strong rule: what makes it fire, the class it implies, and the nearest message that must not. */
class StrongRulesTest {

    private static final ClassifyContext CTX = ClassifyContext.builder().ourDomain("replygate.example")
            .ourAddress("support@host.example").loopToken("rg-prod").build();

    private static Optional<Reason> test(AutomatedMailRule rule, ParsedMail mail) {
        return rule.test(mail, CTX);
    }

    private static MailClass classOf(AutomatedMailRule rule, ParsedMail mail) {
        return rule.mailClass(test(rule, mail).orElseThrow(() -> new AssertionError(rule.name() + " did not fire")));
    }

    @Test
    void aPlainHumanMessageFiresNoStrongRule() {
        ParsedMail mail = human().build();
        for (AutomatedMailRule rule : AutomatedMailRules.strong()) {
            assertThat(rule.test(mail, CTX)).as(rule.name()).isEmpty();
        }
    }

    @Nested
    class AutoSubmitted {
        private final AutomatedMailRule rule = new AutoSubmittedRule();

        @ParameterizedTest
        @ValueSource(strings = {"auto-replied", "auto-generated", "auto-notified", "auto-replied (vacation)",
                "auto-replied; owner-email=\"a@b.example\"", "Auto-Generated", "", "auto-replied,no"})
        void anyFirstTokenButNoIsAutomatic(String value) {
            Optional<Reason> reason = test(rule, human().header("Auto-Submitted", value).build());
            assertThat(reason).contains(new Reason("auto-submitted", "Auto-Submitted: " + value));
        }

        @ParameterizedTest
        @ValueSource(strings = {"no", "No", " NO ", "no (sent by a person)", "no; reason=none", "(comment) no"})
        void noIsAHuman(String value) {
            assertThat(test(rule, human().header("Auto-Submitted", value).build())).isEmpty();
        }
    }

    @Nested
    class NullReturnPath {
        private final AutomatedMailRule rule = new NullReturnPathRule();

        @Test
        void theNullPathIsAutomatic() {
            assertThat(test(rule, human().returnPath("").build())).contains(new Reason("null-return-path", "Return-Path: <>"));
        }

        @Test
        void anEmptyReturnPathHeaderTheParserCouldNotReadIsAutomatic() {
            ParsedMail mail = human().returnPath(null).header("Return-Path", " < > ").build();
            assertThat(test(rule, mail)).isPresent();
        }

        @Test
        void aMissingReturnPathIsNotTheNullPath() {
            assertThat(test(rule, human().returnPath(null).build())).isEmpty();
        }

        @Test
        void anOrdinaryReturnPathIsNot() {
            assertThat(test(rule, human().build())).isEmpty();
        }
    }

    @Nested
    class RobotSender {
        @ParameterizedTest
        @CsvSource({
                "MAILER-DAEMON@mx.example, mail-system-sender, bounce",
                "mailer_daemon@mx.example, mail-system-sender, bounce",
                "Postmaster@mx.example, mail-system-sender, bounce",
                "LISTSERV@lists.example, list-manager-sender, list",
                "majordomo@lists.example, list-manager-sender, list",
                "owner-users@lists.example, list-manager-sender, list",
                "users-request@lists.example, list-manager-sender, list",
                "noreply@shop.example, no-reply-sender, bulk",
                "no-reply@shop.example, no-reply-sender, bulk",
                "No_Reply@shop.example, no-reply-sender, bulk",
                "do-not-reply@shop.example, no-reply-sender, bulk",
                "DoNotReply@shop.example, no-reply-sender, bulk",
                "calendar-noreply@google.example, no-reply-sender, bulk",
                "noreply+abc@shop.example, no-reply-sender, bulk",
                "root@server.example, robot-sender, auto-reply",
                "mailer@server.example, robot-sender, auto-reply",
                "smtp-relay@server.example, robot-sender, auto-reply"})
        void robotLocalPartsAreAutomatic(String address, String rule, String mailClass) {
            ParsedMail mail = human().from(address).build();
            AutomatedMailRule fired = RobotSenderRule.ALL.stream().filter(r -> r.test(mail, CTX).isPresent())
                    .findFirst().orElseThrow();
            assertThat(fired.name()).isEqualTo(rule);
            assertThat(classOf(fired, mail).label()).isEqualTo(mailClass);
        }

        @ParameterizedTest
        @ValueSource(strings = {"owner@shop.example", "request@shop.example", "rooter@shop.example",
                "norman@shop.example", "replies@shop.example", "postmasters-fan@shop.example", "relay@shop.example",
                "mailers@shop.example", "noreplying@shop.example"})
        void peopleWithSimilarNamesAreNot(String address) {
            ParsedMail mail = human().from(address).returnPath(address).build();
            assertThat(RobotSenderRule.ALL).allSatisfy(rule -> assertThat(rule.test(mail, CTX)).as(rule.name()).isEmpty());
        }

        @Test
        void theReturnPathAndSenderAreLookedAtWithSrsUndone() {
            ParsedMail viaForwarder = human().returnPath("SRS0=HhJ9=T4=bank.example=no-reply@forwarder.example").build();
            assertThat(test(RobotSenderRule.NO_REPLY, viaForwarder)).contains(new Reason("no-reply-sender",
                    "Return-Path: SRS0=HhJ9=T4=bank.example=no-reply@forwarder.example (= no-reply@bank.example)"));
            ParsedMail sender = human().sender("owner-users@lists.example").build();
            assertThat(test(RobotSenderRule.LIST_MANAGER, sender)).isPresent();
        }
    }

    @Nested
    class ListHeaders {
        private final AutomatedMailRule rule = new ListHeaderRule();

        @ParameterizedTest
        @ValueSource(strings = {"List-Id", "List-Help", "List-Subscribe", "List-Unsubscribe", "List-Post",
                "List-Owner", "List-Archive", "List-Unsubscribe-Post", "Mailing-List", "X-Mailing-List", "X-ML-Name",
                "X-MLServer", "list-id"})
        void anyListHeaderMakesAList(String header) {
            ParsedMail mail = human().header(header, "<users.lists.example>").build();
            assertThat(classOf(rule, mail)).isEqualTo(MailClass.LIST);
        }

        @Test
        void aFeedbackIdMakesBulkMail() {
            ParsedMail mail = human().header("Feedback-ID", "campaign:12:acme:esp").build();
            assertThat(classOf(rule, mail)).isEqualTo(MailClass.BULK);
        }

        @Test
        void otherListLikeHeadersAreNot() {
            assertThat(test(rule, human().header("X-List", "x").header("Listed-In", "y").build())).isEmpty();
        }
    }

    @Nested
    class Precedence {
        private final AutomatedMailRule rule = new PrecedenceRule();

        @ParameterizedTest
        @CsvSource({"Precedence, bulk, bulk", "Precedence, JUNK, bulk", "Precedence, list, list",
                "Precedence, auto_reply, auto-reply", "X-Precedence, bulk, bulk", "Precedence, bulk (newsletter), bulk"})
        void automaticValues(String header, String value, String mailClass) {
            assertThat(classOf(rule, human().header(header, value).build()).label()).isEqualTo(mailClass);
        }

        @ParameterizedTest
        @ValueSource(strings = {"first-class", "special-delivery", "normal", "bulky"})
        void otherValuesAreNotAutomaticByThemselves(String value) {
            assertThat(test(rule, human().header("Precedence", value).build())).isEmpty();
        }
    }

    @Nested
    class AutoResponseSuppress {
        private final AutomatedMailRule rule = new AutoResponseSuppressRule();

        @ParameterizedTest
        @ValueSource(strings = {"All", "OOF", "AutoReply", "DR, OOF", "rn nrn autoreply", "DR,RN,NRN,OOF,AutoReply"})
        void suppressingAutoRepliesIsAutomatic(String value) {
            assertThat(test(rule, human().header("X-Auto-Response-Suppress", value).build())).isPresent();
        }

        @ParameterizedTest
        @ValueSource(strings = {"DR", "RN, NRN", "NDR", "None", "Allow"})
        void suppressingOnlyReceiptsIsNot(String value) {
            assertThat(test(rule, human().header("X-Auto-Response-Suppress", value).build())).isEmpty();
        }
    }

    @Nested
    class VendorMarkers {
        private final AutomatedMailRule rule = new VendorAutoReplyRule();

        @ParameterizedTest
        @CsvSource({"X-Autoreply, yes", "X-Autorespond, ''", "X-Autoresponder, 1", "X-Autoresponse, x",
                "X-AutoReply-From, a@b.example", "X-Mail-Autoreply, x", "X-Autogenerated, Reply",
                "X-Apple-Action, vacation", "X-MS-Exchange-Inbox-Rules-Loop, a@b.example",
                "X-FC-MachineGenerated, true", "X-AMAZON-MAIL-RELAY-TYPE, notification", "X-Amazon-Auto-Reply, x",
                "Delivered-To, Autoresponder", "X-POST-MessageClass, 9; Autoresponder", "Thread-Topic, AutoResponse",
                "X-OTRS-Loop, yes", "X-RT-Loop-Prevention, rt.example", "X-Cron-Env, <SHELL=/bin/sh>"})
        void markersAreAutomatic(String header, String value) {
            assertThat(test(rule, human().header(header, value).build()))
                    .contains(new Reason("vendor-auto-reply", header + ": " + value));
        }

        @ParameterizedTest
        @CsvSource({"X-Autogenerated, Forward", "X-Apple-Action, reply", "X-FC-MachineGenerated, false",
                "X-AMAZON-MAIL-RELAY-TYPE, relay", "Delivered-To, alice@customer.example",
                "Thread-Topic, AutoResponse settings are broken", "X-OTRS-Loop, no"})
        void nearbyValuesAreNot(String header, String value) {
            assertThat(test(rule, human().header(header, value).build())).isEmpty();
        }
    }

    @Nested
    class Reports {
        @ParameterizedTest
        @CsvSource({"delivery-status, bounce", "global-delivery-status, bounce", "disposition-notification, report",
                "feedback-report, report"})
        void anyMultipartReport(String reportType, String mailClass) {
            assertThat(classOf(new ReportRule(), human().report(reportType).build()).label()).isEqualTo(mailClass);
        }

        @Test
        void aMultipartReportWithoutReportTypeIsAReport() {
            assertThat(classOf(new ReportRule(), human().report(null).build())).isEqualTo(MailClass.REPORT);
        }

        @Test
        void aDeliveryStatusPartAnywhereIsABounce() {
            ParsedMail mail = human().mimeType("multipart/mixed").part("message/delivery-status").build();
            assertThat(classOf(new DeliveryStatusPartRule(), mail)).isEqualTo(MailClass.BOUNCE);
        }

        @Test
        void failedRecipientsMakeABounce() {
            ParsedMail mail = human().header("X-Failed-Recipients", "bob@customer.example").build();
            assertThat(classOf(new FailedRecipientsRule(), mail)).isEqualTo(MailClass.BOUNCE);
        }

        @Test
        void aJmrpComplaintWithTheReportedMessageAttachedIsAReport() {
            ParsedMail mail = human().mimeType("multipart/mixed")
                    .attachedHeaders("X-HmXmrOriginalRecipient: bob@customer.example\nFrom: support@host.example").build();
            assertThat(classOf(new FeedbackLoopReportRule(), mail)).isEqualTo(MailClass.REPORT);
        }

        @Test
        void otherMultipartMessagesAndForwardedMailAreNot() {
            ParsedMail forwarded = human().mimeType("multipart/mixed").part("text/plain").part("message/rfc822")
                    .attachedHeaders("From: bob@customer.example\nSubject: the error I got").build();
            for (AutomatedMailRule rule : List.of(new ReportRule(), new DeliveryStatusPartRule(),
                    new FailedRecipientsRule(), new FeedbackLoopReportRule())) {
                assertThat(test(rule, forwarded)).as(rule.name()).isEmpty();
            }
        }
    }

    @Nested
    class Loops {
        @Test
        void ourLoopHeaderWhateverItsValue() {
            assertThat(classOf(new LoopHeaderRule(), human().header("X-Replygate-Loop", "other-instance").build()))
                    .isEqualTo(MailClass.LOOP);
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "TRUE", "rg-prod", "RG-PROD"})
        void xLoopYesTrueOrOurToken(String value) {
            assertThat(test(new XLoopRule(), human().header("X-Loop", value).build())).isPresent();
        }

        @ParameterizedTest
        @ValueSource(strings = {"users@lists.example", "no", "rg-staging"})
        void anotherXLoopIsOnlyWeak(String value) {
            ParsedMail mail = human().header("X-Loop", value).build();
            assertThat(test(new XLoopRule(), mail)).isEmpty();
            assertThat(test(WeakHeaderSignal.OTHER_X_LOOP, mail)).isPresent();
        }

        @Test
        void aMessageIdOnOurDomain() {
            assertThat(test(new OwnMessageIdRule(), human().messageId("rg.t1.abc@Replygate.Example").build())).isPresent();
            assertThat(test(new OwnMessageIdRule(), human().messageId("x@mail.replygate.example").build())).isEmpty();
            assertThat(test(new OwnMessageIdRule(), human().messageId(null).build())).isEmpty();
        }

        @Test
        void ourOwnAddressAsSender() {
            assertThat(test(new OwnSenderRule(), human().from("Support@Host.Example").build())).isPresent();
            assertThat(test(new OwnSenderRule(), human().returnPath("SRS0=x=y=host.example=support@fwd.example").build()))
                    .isPresent();
            assertThat(test(new OwnSenderRule(), human().to("support@host.example").build())).isEmpty();
        }
    }

    @Nested
    class Spam {
        private final AutomatedMailRule rule = new SpamVerdictRule();

        @ParameterizedTest
        @CsvSource({"X-Spam-Flag, YES", "X-Spam-Flag, yes", "X-Spam-Status, 'Yes, score=7.1 required=5.0'"})
        void theFiltersVerdict(String header, String value) {
            assertThat(classOf(rule, human().header(header, value).build())).isEqualTo(MailClass.SPAM);
        }

        @ParameterizedTest
        @CsvSource({"X-Spam-Flag, NO", "X-Spam-Status, 'No, score=0.1 required=5.0'", "X-Spam-Level, '*****'"})
        void aCleanVerdictIsNot(String header, String value) {
            assertThat(test(rule, human().header(header, value).build())).isEmpty();
        }

        @Test
        void verdictHeadersAreConfigurable() {
            ClassifyContext rspamd = ClassifyContext.builder()
                    .spamVerdicts(List.of(HeaderPattern.of("X-Rspamd-Action", "^(reject|add header)"))).build();
            assertThat(rule.test(human().header("X-Rspamd-Action", "add header").build(), rspamd)).isPresent();
            assertThat(rule.test(human().header("X-Spam-Flag", "YES").build(), rspamd)).isEmpty();
        }
    }
}
