package dev.replygate.signing;

import dev.replygate.address.MailAddress;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static dev.replygate.signing.TestKeys.K1;
import static dev.replygate.signing.TestKeys.K2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplyTokensTest {

    private static final MailAddress REPLY_TO = new MailAddress("support@example.com", "Example Support");
    private final ReplyTokens tokens = new ReplyTokens(TestKeys.k1Only(), REPLY_TO);

    @Test
    void tokenIsShortLowercaseAndRoundTripsTheCase() {
        String token = tokens.tokenFor("ABC-123456");

        assertThat(token).matches("t_a_b_c-123456-k1-[0-9a-f]{20}");
        assertThat(tokens.verifyToken(token)).contains(new VerifiedTicket("ABC-123456", "k1"));
        assertThat(tokens.verifyToken(token.toUpperCase(Locale.ROOT)))
                .map(VerifiedTicket::ticketId).contains("ABC-123456");
    }

    @Test
    void plusAddressesTheReplyToAndVerifiesTheAddress() {
        MailAddress address = tokens.replyAddressFor("123456").orElseThrow();

        assertThat(address.displayName()).isEqualTo("Example Support");
        assertThat(address.address()).matches("support\\+t123456-k1-[0-9a-f]{20}@example\\.com");
        assertThat(tokens.verifyAddress(address.address())).map(VerifiedTicket::ticketId).contains("123456");
        assertThat(tokens.verifyAddress("<" + address.address().toUpperCase(Locale.ROOT) + ">"))
                .map(VerifiedTicket::ticketId).contains("123456");
    }

    @Test
    void refusesATokenOnAnotherAddress() {
        String token = tokens.tokenFor("123456");

        assertThat(tokens.verifyAddress("billing+" + token + "@example.com")).isEmpty();
        assertThat(tokens.verifyAddress("support+" + token + "@example.org")).isEmpty();
        assertThat(tokens.verifyAddress("support@example.com")).isEmpty();
        assertThat(tokens.verifyAddress("support+@example.com")).isEmpty();
        assertThat(tokens.verifyAddress(null)).isEmpty();
    }

    @Test
    void noAddressWhenTheLocalPartWouldExceed64Characters() {
        String longest = "1".repeat(ReplyTokens.MAX_LOCAL_PART - "support+t-k1-".length() - 20);

        assertThat(tokens.replyAddressFor(longest)).isPresent();
        assertThat(tokens.replyAddressFor(longest + "1")).isEmpty();
        assertThat(tokens.replyAddressFor(longest).orElseThrow().localPart()).hasSize(ReplyTokens.MAX_LOCAL_PART);
    }

    @Test
    void rotationSignsWithTheNewKeyAndStillVerifiesTheOld() {
        ReplyTokens before = new ReplyTokens(TestKeys.signingWith(K1, K1), REPLY_TO);
        ReplyTokens after = new ReplyTokens(TestKeys.signingWith(K2, K1, K2), REPLY_TO);
        String old = before.tokenFor("7");

        assertThat(after.tokenFor("7")).contains("-k2-");
        assertThat(after.verifyToken(old)).contains(new VerifiedTicket("7", "k1"));
        assertThat(before.verifyToken(after.tokenFor("7"))).isEmpty();
    }

    @Test
    void aTokenIsNotAMessageIdSignature() {
        SignedMessageIds ids = new SignedMessageIds(TestKeys.k1Only(), "example.com");
        String id = ids.create("99");
        String[] parts = id.substring(0, id.indexOf('@')).split("\\.");
        String forged = "t99-k1-" + parts[4].substring(0, 20);

        assertThat(tokens.verifyToken(forged)).isEmpty();
    }

    @Test
    void refusesAReplyToThatIsAlreadyPlusAddressed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReplyTokens(TestKeys.k1Only(), new MailAddress("a+b@example.com", "")));
    }
}
