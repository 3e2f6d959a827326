package dev.replygate.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.replygate.parse.TestMails.base64;
import static dev.replygate.parse.TestMails.parse;
import static dev.replygate.parse.TestMails.plainText;
import static org.assertj.core.api.Assertions.assertThat;

class BodyTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            windows-1256      | windows-1256 | پاسخ به تيکت شماره 123 را در ناحيه کاربري ببينيد
            cp1256            | windows-1256 | درخواست پشتيباني
            ISO-8859-6        | ISO-8859-6   | مرحبا بكم في الدعم الفني
            iso-8859-6-i      | ISO-8859-6   | مرحبا
            iso-8859-8-i      | ISO-8859-8   | שלום עולם
            ISO-2022-JP       | ISO-2022-JP  | こんにちは、サポートです
            KOI8-R            | KOI8-R       | Здравствуйте, служба поддержки
            GB2312            | GBK          | 您好，朱镕基
            ks_c_5601-1987    | x-windows-949| 안녕하세요 똠방각하
            utf8              | UTF-8        | Grüße aus Köln ✓
            UTF-8"            | UTF-8        | Grüße aus Köln ✓
            latin1            | windows-1252 | “Smart quotes” – naïve café €
            us-ascii          | UTF-8        | 8-bit UTF-8 labelled ascii: Grüße
            x-user-defined    | windows-1252 | Outlook’s “user defined”
            """)
    void decodesTextInItsCharset(String label, String javaCharset, String text) throws Exception {
        ParsedMail mail = plainText(label, text, javaCharset);

        assertThat(mail.text()).isEqualTo(text);
        assertThat(mail.textTruncated()).isFalse();
        assertThat(mail.problems()).isEmpty();
        assertThat(mail.parts()).singleElement().satisfies(part -> {
            assertThat(part.mimeType()).isEqualTo("text/plain");
            assertThat(CharsetLabels.clean(part.charset())).isEqualTo(CharsetLabels.clean(label));
        });
    }

    @Test
    void decodesUtf7() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: text/plain; charset=UTF-7

                Hi Mom -+Jjo--! A+ImIDkQ. 1 +- 1 = 2
                """);

        assertThat(mail.text()).isEqualTo("Hi Mom -☺-! A≢Α. 1 + 1 = 2\n");
        assertThat(mail.problems()).isEmpty();
    }

    @Test
    void anUnknownLabelNeverThrowsAndReadsValidUtf8AsUtf8() throws Exception {
        ParsedMail mail = plainText("x-nonsense", "Grüße ✓", "UTF-8");

        assertThat(mail.text()).isEqualTo("Grüße ✓");
        assertThat(mail.problems()).containsExactly("body: unknown charset \"x-nonsense\", read as UTF-8");
    }

    @Test
    void anUnknownLabelOnBytesThatAreNotUtf8ReadsWindows1252() throws Exception {
        ParsedMail mail = plainText("x-nonsense", "Grüße – €", "windows-1252");

        assertThat(mail.text()).isEqualTo("Grüße – €");
        assertThat(mail.problems()).containsExactly("body: unknown charset \"x-nonsense\", read as windows-1252");
    }

    @Test
    void aTextWithoutCharsetIsGuessed() throws Exception {
        byte[] message = TestMails.join("From: a@example.com\nContent-Type: text/plain\n\n",
                TestMails.bytes("Grüße", "windows-1252"));

        assertThat(parse(message).text()).isEqualTo("Grüße");
    }

    @Test
    void malformedBytesBecomeReplacementCharactersAndAProblem() throws Exception {
        byte[] message = TestMails.join("From: a@example.com\nContent-Type: text/plain; charset=utf-8\n\n",
                new byte[] {'o', 'k', (byte) 0xC3, '!'});

        ParsedMail mail = parse(message);

        assertThat(mail.text()).isEqualTo("ok\uFFFD!");
        assertThat(mail.problems()).containsExactly("body: 1 byte sequences not valid in UTF-8");
    }

    @Test
    void decodesQuotedPrintable() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                Gr=C3=BC=C3=9Fe, this line is soft=
                 broken.
                =D8=B3=D9=84=D8=A7=D9=85
                """);

        assertThat(mail.text()).isEqualTo("Grüße, this line is soft broken.\nسلام\n");
    }

    @Test
    void decodesBase64AndKeepsLfLineEnds() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                %s
                """.formatted(base64("first line\r\nسلام\r\n", "UTF-8")));

        assertThat(mail.text()).isEqualTo("first line\nسلام\n");
    }

    @Test
    void multipartAlternativeGivesTheTextPlainPart() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/html; charset=utf-8

                <p>the <b>HTML</b> version</p>
                --b1
                Content-Type: text/plain; charset=utf-8

                the plain version
                --b1--
                """);

        assertThat(mail.mimeType()).isEqualTo("multipart/alternative");
        assertThat(mail.text()).isEqualTo("the plain version");
        assertThat(mail.parts()).extracting(ParsedMail.PartInfo::mimeType).containsExactly("text/html", "text/plain");
    }

    @Test
    void anHtmlOnlyMessageGivesItsTextWithLinks() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: text/html; charset=windows-1256
                Content-Transfer-Encoding: base64

                %s
                """.formatted(base64("""
                <html><head><title>t</title><style>p {color: red}</style></head>
                <body><p>پاسخ&nbsp;شما &amp; ما</p><script>alert(1)</script>
                <div>See <a href="https://portal.example/ticket/42">your ticket</a>.</div></body></html>
                """, "windows-1256")));

        assertThat(mail.text()).isEqualTo("پاسخ شما & ما\n\nSee your ticket (https://portal.example/ticket/42).");
    }

    @Test
    void anEmptyPlainAlternativeGivesWayToTheHtml() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                \s
                --b1
                Content-Type: text/html; charset=utf-8

                <p>only here</p>
                --b1--
                """);

        assertThat(mail.text()).isEqualTo("only here");
    }

    @Test
    void anAttachedTextFileIsNotTheText() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; name=log.txt
                Content-Disposition: attachment; filename=log.txt

                a log
                --b1
                Content-Type: text/plain

                the message
                --b1--
                """);

        assertThat(mail.text()).isEqualTo("the message");
    }

    @Test
    void cutsTheTextAtTheLimitAndSaysSo() throws Exception {
        ParseLimits limits = TestMails.SMALL.withMaxTextChars(10);
        byte[] message = TestMails.crlf("From: a@example.com\n\n0123456789abcdef\n");

        ParsedMail mail = TestMails.parse(message, limits);

        assertThat(mail.text()).isEqualTo("0123456789");
        assertThat(mail.textTruncated()).isTrue();
    }

    @Test
    void textAtExactlyTheLimitIsNotCut() throws Exception {
        ParseLimits limits = TestMails.SMALL.withMaxTextChars(10);
        byte[] message = TestMails.join("From: a@example.com\n\n", "0123456789".getBytes());

        ParsedMail mail = TestMails.parse(message, limits);

        assertThat(mail.text()).isEqualTo("0123456789");
        assertThat(mail.textTruncated()).isFalse();
    }

    @Test
    void aMessageWithoutTextHasEmptyText() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: application/pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                """);

        assertThat(mail.text()).isEmpty();
        assertThat(mail.textTruncated()).isFalse();
        assertThat(mail.parts()).singleElement().satisfies(part -> assertThat(part.size()).isEqualTo(9));
    }
}
