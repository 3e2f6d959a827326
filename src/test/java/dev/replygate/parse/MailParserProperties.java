package dev.replygate.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the bytes, the parser gives a bounded, clean result or refuses them with a reason: never anything else. */
class MailParserProperties {

    private static final byte[] TEMPLATE = TestMails.crlf("""
            Return-Path: <>
            From: =?UTF-8?Q?Mail_Delivery?= <MAILER-DAEMON@mx.example.net>
            To: "Support, Team" <support@example.com>, other@example.org
            Subject: =?windows-1256?B?x+HT4cfj?= undelivered
            Message-ID: <dsn.1@mx.example.net>
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            Content-Type: multipart/alternative; boundary="b2"

            --b2
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Delivery failed =E2=9C=97
            --b2
            Content-Type: text/html; charset=windows-1256
            Content-Transfer-Encoding: base64

            PHA+x+HT4cfjPC9wPg==
            --b2--
            --b1
            Content-Type: message/delivery-status

            Final-Recipient: rfc822; customer@example.org
            Status: 5.1.1
            --b1
            Content-Type: message/rfc822
            Content-Disposition: attachment; filename*=UTF-8''orig%C3%A9.eml

            Message-ID: <original@example.com>
            Subject: original

            body
            --b1--
            """);
    private static final byte[] INTERESTING = {'\n', '\r', ':', '-', '=', '?', ' ', '\t', 0, (byte) 0xFF, (byte) 0xC3,
            '<', '>', ';', '"', '+', '/'};

    private final MailParser parser = new MailParser();

    @Property(tries = 300)
    void anyBytesParseOrAreRefused(@ForAll @Size(max = 3000) byte[] bytes) {
        check(bytes);
    }

    @Property(tries = 500)
    void aDamagedReportParsesOrIsRefused(@ForAll("damaged") byte[] bytes) {
        check(bytes);
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        Arbitrary<Byte> replacement = Arbitraries.oneOf(Arbitraries.of(toObjects(INTERESTING)), Arbitraries.bytes());
        Arbitrary<List<Tuple2<Integer, Byte>>> edits = Combinators
                .combine(Arbitraries.integers().between(0, TEMPLATE.length - 1), replacement).as(Tuple::of)
                .list().ofMaxSize(12);
        Arbitrary<Integer> length = Arbitraries.integers().between(0, TEMPLATE.length);
        return Combinators.combine(length, edits).as((cut, changes) -> {
            byte[] message = Arrays.copyOf(TEMPLATE, TEMPLATE.length);
            changes.forEach(change -> message[change.get1()] = change.get2());
            return Arrays.copyOf(message, cut);
        });
    }

    private void check(byte[] bytes) {
        ParsedMail mail;
        try {
            mail = parser.parse(new ByteArrayInputStream(bytes));
        } catch (UnparseableMailException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(refused.getCause()).isNotInstanceOf(RuntimeException.class);
            return;
        } catch (java.io.IOException e) {
            throw new AssertionError("a byte array cannot fail to be read", e);
        }
        assertThat(mail.size()).isEqualTo(bytes.length);
        assertThat(mail.headers()).isNotEmpty().allSatisfy(header ->
                assertThat(header.name() + header.value()).doesNotContain("\r", "\n", "\0"));
        assertThat(mail.text()).doesNotContain("\0", "\r");
        assertThat(mail.subject()).doesNotContain("\r", "\n", "\0");
        assertThat(mail.mimeType()).isLowerCase().contains("/");
        assertThat(mail.parts().size()).isLessThanOrEqualTo(ParseLimits.DEFAULT.maxParts());
        assertThat(mail.problems()).noneSatisfy(problem -> assertThat(problem).contains("parser failure"));
    }

    private static Byte[] toObjects(byte[] bytes) {
        Byte[] objects = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            objects[i] = bytes[i];
        }
        return objects;
    }
}
