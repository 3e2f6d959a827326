package dev.replygate.parse;

import dev.replygate.parse.ParsedMail.Mailbox;
import dev.replygate.parse.ParsedMail.PartInfo;
import dev.replygate.testsupport.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Decoded values of mime4j's own fixtures, against the decoded bodies stored beside them and RFC 2047's examples. */
class Mime4jFixturesTest {

    private static final String FIXTURES = "james-mime4j/core/src/test/resources/";

    private static ParsedMail parse(String fixture) throws IOException, UnparseableMailException {
        try (InputStream in = Files.newInputStream(Corpus.root().resolve(FIXTURES + fixture + ".msg"))) {
            return new MailParser().parse(in);
        }
    }

    private static String decoded(String file, String charset) throws IOException {
        Path path = Corpus.root().resolve(FIXTURES + file);
        return ReadableText.tidy(new String(Files.readAllBytes(path), Charset.forName(charset)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "testmsgs/basic-plain, testmsgs/basic-plain_decoded_1.txt, US-ASCII",
            "testmsgs/base64-encoded-text, testmsgs/base64-encoded-text_decoded_1.txt, US-ASCII",
            "testmsgs/qp-body, testmsgs/qp-body_decoded_1.txt, ISO-8859-15",
            "mimetools-testmsgs/german-qp, mimetools-testmsgs/german-qp_decoded_1.txt, ISO-8859-15",
            "mimetools-testmsgs/attachment-filename-encoding-UTF8,"
                    + " mimetools-testmsgs/attachment-filename-encoding-UTF8_decoded_1_1.txt, UTF-8",
    })
    void theTextIsTheStoredDecodedBody(String fixture, String decodedBody, String charset) throws Exception {
        assertThat(parse(fixture).text()).isEqualTo(decoded(decodedBody, charset));
    }

    @Test
    void decodesTheEncodedWordsOfRfc2047() throws Exception {
        ParsedMail mail = parse("mimetools-testmsgs/intl");

        assertThat(mail.subject()).isEqualTo("If you can read this you understand the example... so, cool!");
        assertThat(mail.from()).containsExactly(new Mailbox("moore@cs.utk.edu", "Keith Moore"));
        assertThat(mail.recipients()).containsExactly(
                new Mailbox("keld@dkuug.dk", "Keld Jørn Simonsen"),
                new Mailbox("PIRARD@vm1.ulg.ac.be", "André Pirard"),
                new Mailbox("paf@nada.kth.se", "Patrik Fältström"));
    }

    @Test
    void decodesFileNamesInRfc2231AndRfc2047() throws Exception {
        assertThat(parse("mimetools-testmsgs/attachment-filename-encoding-Latin1").parts())
                .extracting(PartInfo::filename).containsExactly(null, "attachment.äöü");
        assertThat(parse("mimetools-testmsgs/attachment-filename-encoding-UTF8").parts())
                .extracting(PartInfo::filename).containsExactly(null, "attachment.äöü");
        assertThat(parse("mimetools-testmsgs/russian").parts())
                .extracting(PartInfo::filename).containsExactly("Список.doc");
    }
}
