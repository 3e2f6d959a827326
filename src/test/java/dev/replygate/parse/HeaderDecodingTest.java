package dev.replygate.parse;

import dev.replygate.parse.ParsedMail.Mailbox;
import org.junit.jupiter.api.Test;

import static dev.replygate.parse.TestMails.encodedWord;
import static dev.replygate.parse.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;

class HeaderDecodingTest {

    private static final String PERSIAN = "پاسخ به تيکت";

    @Test
    void decodesAPersianSubjectInWindows1256() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Subject: %s

                body
                """.formatted(encodedWord(PERSIAN, "windows-1256")));

        assertThat(mail.subject()).isEqualTo(PERSIAN);
        assertThat(mail.header("subject")).contains(PERSIAN);
        assertThat(mail.problems()).isEmpty();
    }

    @Test
    void joinsAdjacentEncodedWordsInUtf8AcrossFolding() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Subject: Re: =?UTF-8?Q?=D8=AF=D8=B1=D8=AE=D9=88=D8=A7=D8=B3=D8=AA?=
                 =?UTF-8?B?INm+2LTYqtuM2KjYp9mG24w=?= [Ticket ID: 123456]

                body
                """);

        assertThat(mail.subject()).isEqualTo("Re: درخواست پشتیبانی [Ticket ID: 123456]");
    }

    @Test
    void readsRawUtf8HeadersAsRfc6532Says() throws Exception {
        ParsedMail mail = parse("""
                From: "کاربر" <user@example.com>
                Subject: سلام

                body
                """);

        assertThat(mail.subject()).isEqualTo("سلام");
        assertThat(mail.from()).containsExactly(new Mailbox("user@example.com", "کاربر"));
        assertThat(mail.problems()).isEmpty();
    }

    @Test
    void readsRaw8BitBytesThatAreNotUtf8AsWindows1252() throws Exception {
        ParsedMail mail = parse(concat(TestMails.crlf("From: a@example.com\nSubject: caf"), new byte[] {(byte) 0xE9},
                TestMails.crlf("\n\nbody\n")));

        assertThat(mail.subject()).isEqualTo("café");
        assertThat(mail.problems()).anySatisfy(p -> assertThat(p).contains("Subject").contains("not UTF-8"));
    }

    @Test
    void decodesEncodedWordsInDisplayNames() throws Exception {
        ParsedMail mail = parse("""
                From: %s <Ali@Example.COM>
                Reply-To: =?UTF-8?Q?Caf=C3=A9?= <cafe@example.org>
                Subject: x

                body
                """.formatted(encodedWord("علي", "windows-1256")));

        assertThat(mail.from()).containsExactly(new Mailbox("Ali@example.com", "علي"));
        assertThat(mail.replyTo()).containsExactly(new Mailbox("cafe@example.org", "Café"));
    }

    @Test
    void anUnknownCharsetInAnEncodedWordIsReadAsUtf8AndRecorded() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Subject: %s

                body
                """.formatted("=?x-nonsense?Q?caf=C3=A9?="));

        assertThat(mail.subject()).isEqualTo("café");
        assertThat(mail.problems()).anySatisfy(p -> assertThat(p).contains("x-nonsense"));
    }

    @Test
    void anEncodedWordInALabelOnlyThisParserKnowsIsDecoded() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Subject: =?unicode-1-1-utf-7?Q?Hi_+AKM-1?=

                body
                """);

        assertThat(mail.subject()).isEqualTo("Hi £1");
        assertThat(mail.problems()).isEmpty();
    }

    @Test
    void foldedValuesAreUnfoldedAndNoValueHoldsALineBreakOrNul() throws Exception {
        ParsedMail mail = parse(concat(TestMails.crlf("From: a@example.com\nSubject: first\n second\nX-Odd: a"),
                new byte[] {0, 'b'}, TestMails.crlf("\nX-Encoded: =?UTF-8?Q?line=0Abreak?=\n\nbody\n")));

        assertThat(mail.subject()).isEqualTo("first second");
        assertThat(mail.header("x-odd")).contains("ab");
        assertThat(mail.header("X-Encoded")).contains("line break");
        assertThat(mail.headers()).allSatisfy(header -> assertThat(header.value()).doesNotContain("\r", "\n", "\0"));
    }

    @Test
    void collectsEveryRecipientWithDomainsInLowerCaseAndGroupsFlattened() throws Exception {
        ParsedMail mail = parse("""
                From: Support <support@Host.Example>
                Sender: robot@Host.Example
                To: Team: Ann <ann@A.EXAMPLE>, bob@b.example;, "Carl, Jr." <Carl@C.Example>
                Cc: dan@d.example
                Bcc: eve@e.example
                Resent-To: fay@f.example
                Resent-Cc: gus@g.example
                Resent-Bcc: hal@h.example
                Subject: x

                body
                """);

        assertThat(mail.from()).containsExactly(new Mailbox("support@host.example", "Support"));
        assertThat(mail.sender()).isEqualTo(new Mailbox("robot@host.example", ""));
        assertThat(mail.recipients()).extracting(Mailbox::address).containsExactly("ann@a.example", "bob@b.example",
                "Carl@c.example", "dan@d.example", "eve@e.example", "fay@f.example", "gus@g.example", "hal@h.example");
        assertThat(mail.recipients().get(2).name()).isEqualTo("Carl, Jr.");
        assertThat(mail.problems()).isEmpty();
    }

    @Test
    void aBrokenAddressListIsReadLenientlyAndRecorded() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                To: ann@example.com, <<broken@@, "unclosed <bob@example.com>
                Subject: x

                body
                """);

        assertThat(mail.recipients()).extracting(Mailbox::address).contains("ann@example.com");
        assertThat(mail.problems()).anySatisfy(p -> assertThat(p).startsWith("To:").contains("leniently"));
    }

    @Test
    void theNullReturnPathIsEmptyAndAnAbsentOneNull() throws Exception {
        assertThat(parse("Return-Path: <>\nFrom: a@example.com\n\nbody\n").returnPath()).isEmpty();
        assertThat(parse("Return-Path: < >\nFrom: a@example.com\n\nbody\n").returnPath()).isEmpty();
        assertThat(parse("Return-Path: <Bounce@Lists.Example>\nReturn-Path: <other@example.com>\n\nbody\n")
                .returnPath()).isEqualTo("Bounce@lists.example");
        assertThat(parse("From: a@example.com\n\nbody\n").returnPath()).isNull();
    }

    @Test
    void extractsMessageIdsWithoutBracketsAndSkipsTheJunkBetween() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Message-ID: <abc.123@mail.example>
                In-Reply-To: Your message of Monday <first@example.com> (comment)
                References: <one@example.com> junk <two@ex
                 ample.com>
                \t<three@example.com>
                Subject: x

                body
                """);

        assertThat(mail.messageId()).isEqualTo("abc.123@mail.example");
        assertThat(mail.inReplyTo()).containsExactly("first@example.com");
        assertThat(mail.references()).containsExactly("one@example.com", "two@example.com", "three@example.com");
    }

    @Test
    void aMissingMessageIdIsNullAndIdListsAreEmpty() throws Exception {
        ParsedMail mail = parse("From: a@example.com\n\nbody\n");

        assertThat(mail.messageId()).isNull();
        assertThat(mail.inReplyTo()).isEmpty();
        assertThat(mail.references()).isEmpty();
        assertThat(mail.subject()).isEmpty();
    }

    @Test
    void keepsEveryHeaderInOrderWithItsNameAsWritten() throws Exception {
        ParsedMail mail = parse("""
                Received: from a
                Received: from b
                X-Mailer: test
                Auto-Submitted: auto-replied

                body
                """);

        assertThat(mail.headers()).extracting(ParsedMail.Header::name)
                .containsExactly("Received", "Received", "X-Mailer", "Auto-Submitted");
        assertThat(mail.headers("received")).containsExactly("from a", "from b");
        assertThat(mail.hasHeader("AUTO-SUBMITTED")).isTrue();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
