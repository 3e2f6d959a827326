package dev.replygate.parse;

import org.junit.jupiter.api.Test;

import static dev.replygate.parse.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 5 (a poison trigger): an address longer than 320 characters is refused where it is
 * parsed, with a problem recorded, so no stage after the parser (rate limits, columns, the answer's
 * recipient) ever sees one. A Return-Path that is refused is no usable address: never the null path.
 */
class OverlongAddressesAreRefusedTest {

    private static final String LONG = "a".repeat(300) + "@" + "b".repeat(30) + ".test";

    @Test
    void anOverlongReturnPathIsNoUsableAddressAndTheProblemIsRecorded() throws Exception {
        ParsedMail mail = parse("Return-Path: <" + LONG + ">\nFrom: <" + LONG + ">\nTo: support@hosting.test\n"
                + "Subject: hello\n\nbody\n");

        assertThat(mail.returnPath()).isNull();
        assertThat(mail.from()).isEmpty();
        assertThat(mail.problems()).anySatisfy(p -> assertThat(p).startsWith("Return-Path: an address longer than 320"))
                .anySatisfy(p -> assertThat(p).startsWith("From: an address longer than 320"))
                .contains("Return-Path: no usable address");
    }

    @Test
    void onlyTheOverlongMailboxOfAListIsDropped() throws Exception {
        ParsedMail mail = parse("From: <sara@customer.test>\nTo: <" + LONG + ">, support@hosting.test\n"
                + "Subject: hello\n\nbody\n");

        assertThat(mail.recipients()).extracting(ParsedMail.Mailbox::address).containsExactly("support@hosting.test");
    }

    @Test
    void anAddressOfExactly320CharactersIsKept() throws Exception {
        String longest = "c".repeat(64) + "@" + "d".repeat(250) + ".test";
        assertThat(longest).hasSize(320);

        assertThat(parse("Return-Path: <" + longest + ">\nFrom: x@y.test\n\nbody\n").returnPath()).isEqualTo(longest);
    }
}
