package dev.replygate.parse;

import dev.replygate.parse.ParsedMail.PartInfo;
import org.junit.jupiter.api.Test;

import static dev.replygate.parse.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartsTest {

    @Test
    void describesEachLeafPartWithItsDecodedFileName() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: multipart/mixed; boundary="==b=="

                preamble, not a part
                --==b==
                Content-Type: text/plain; charset="UTF-8"

                hello
                --==b==
                Content-Type: application/pdf
                Content-Disposition: attachment;
                 filename*0*=UTF-8''%D9%81%D8%A7%DA%A9%D8%AA%D9%88%D8%B1;
                 filename*1=".pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --==b==
                Content-Type: image/png; name="=?UTF-8?B?2LnaqdizLnBuZw==?="
                Content-Disposition: INLINE

                not really a png
                --==b==
                Content-Type: application/octet-stream
                Content-Disposition: weird-type; filename=data.bin

                0123456789
                --==b==--
                epilogue
                """);

        assertThat(mail.parts()).containsExactly(
                new PartInfo("text/plain", "UTF-8", null, null, 5),
                new PartInfo("application/pdf", null, "attachment", "فاکتور.pdf", 9),
                new PartInfo("image/png", null, "inline", "عکس.png", 16),
                new PartInfo("application/octet-stream", null, "attachment", "data.bin", 10));
        assertThat(mail.text()).isEqualTo("hello");
        assertThat(mail.problems()).isEmpty();
    }

    @Test
    void decodesAnRfc2231FileNameInLatin1() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename*=ISO-8859-1''%61%74%74%61%63%68%2E%E4%F6%FC

                x
                """);

        assertThat(mail.parts()).singleElement().extracting(PartInfo::filename).isEqualTo("attach.äöü");
    }

    @Test
    void describesPartsUpToTheLimitAndReadsPastTheRest() throws Exception {
        ParseLimits limits = TestMails.SMALL.withMaxParts(2);
        byte[] message = TestMails.crlf("""
                From: a@example.com
                Content-Type: multipart/mixed; boundary=b

                --b

                one
                --b

                two
                --b
                Content-Type: message/delivery-status

                three
                --b--
                """);

        ParsedMail mail = TestMails.parse(message, limits);

        assertThat(mail.parts()).hasSize(2);
        assertThat(mail.deliveryStatus()).isEmpty();
        assertThat(mail.size()).isEqualTo(message.length);
        assertThat(mail.problems()).containsExactly("more than 2 MIME parts, the rest read past (ParseLimits.maxParts)");
        assertThatThrownBy(() -> TestMails.parse(message, limits.withStrict(true)))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessageContaining("ParseLimits.maxParts");
    }

    @Test
    void readsAMultipartNestedTooDeepAsOnePart() throws Exception {
        ParseLimits limits = TestMails.SMALL.withMaxDepth(2);
        byte[] message = TestMails.crlf("""
                From: a@example.com
                Content-Type: multipart/mixed; boundary=l0

                --l0
                Content-Type: multipart/mixed; boundary=l1

                --l1
                Content-Type: multipart/mixed; boundary=l2

                --l2

                deep text
                --l2--
                --l1--
                --l0
                Content-Type: text/plain

                shallow text
                --l0--
                """);

        ParsedMail mail = TestMails.parse(message, limits);

        assertThat(mail.parts()).extracting(PartInfo::mimeType).containsExactly("multipart/mixed", "text/plain");
        assertThat(mail.text()).isEqualTo("shallow text");
        assertThat(mail.problems()).singleElement().asString().contains("nested deeper than 2 levels");
    }

    @Test
    void multipartWithoutBoundaryIsReadAsText() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: multipart/mixed

                just text
                """);

        assertThat(mail.mimeType()).isEqualTo("text/plain");
        assertThat(mail.text()).isEqualTo("just text\n");
        assertThat(mail.problems()).containsExactly("header: multipart without boundary, read as text/plain");
    }
}
