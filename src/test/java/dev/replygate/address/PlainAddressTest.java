package dev.replygate.address;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 6, finding 5: an answer's recipient is never longer than an address can be. */
class PlainAddressTest {

    @Test
    void anAddressLongerThan320CharactersIsNoRecipient() {
        assertThat(MailAddress.problemOfPlain("a".repeat(300) + "@" + "b".repeat(30) + ".test"))
                .hasValue("an address longer than 320 characters");
        assertThat(MailAddress.problemOfPlain("sara@customer.test")).isEmpty();
    }
}
